// Loads one HTML report in Debian's chromium and prints, as JSON, what a test asserts on: console errors, page
// errors, every request other than the page itself (a self-contained report makes none), element counts, and
// what the page shows after typing into its search fields. Every request leaving the page is aborted, so a report
// that reaches for the network fails its test instead of stalling.
//
// usage: node check-page.mjs SPEC.json   (SPEC: {file, screenshot, count: [selector], search: [{input, text, rows, keep}]})
// load_ms: from navigation to the load event, the page's scripts run (what a reader waits for).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const page_url = pathToFileURL(spec.file).href;
const browser = await chromium.launch({
  executablePath: process.env.OCISC_CHROMIUM || '/usr/bin/chromium',
  // Chromium's own background connections are refused on a closed network; these flags stop it making them.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { console: [], page_errors: [], requests: [], counts: {}, search: [], title: null, load_ms: null };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', m => {
    if (m.type() === 'error' || m.type() === 'warning') result.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', e => result.page_errors.push(String(e)));
  await page.route('**/*', route => {
    const url = route.request().url();
    if (url === page_url) return route.continue();
    result.requests.push(url);
    return route.abort();
  });
  const started = Date.now();
  await page.goto(page_url, { waitUntil: 'load', timeout: 60000 });
  result.load_ms = Date.now() - started;
  result.title = await page.title();
  for (const sel of spec.count || []) {
    result.counts[sel] = await page.locator(sel).count();
  }
  for (const s of spec.search || []) {
    await page.fill(s.input, s.text);
    // Filtering may be debounced: wait until the visible count settles.
    let last = -1;
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(100);
      const n = await page.locator(s.rows).filter({ visible: true }).count();
      if (n === last) break;
      last = n;
    }
    result.search.push({ input: s.input, text: s.text, visible: last });
    if (!s.keep) await page.fill(s.input, '');
  }
  if (spec.screenshot) await page.screenshot({ path: spec.screenshot, fullPage: !!spec.full_page });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
