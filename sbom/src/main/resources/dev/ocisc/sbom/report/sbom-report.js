// The dependency outline of ocisc's SBOM report. ocisc computed the layout (components in order, each one's
// dependencies, the shortest path to each from a root); this draws rows, flat (a level each, no nesting, so a path
// thousands of steps deep costs rows, not nested boxes), and only those that are open: a graph of ten thousand
// components costs what its visible part costs. No recursion; a dependency on a component open above it is a
// cycle, drawn once and marked.
(() => {
  const g = JSON.parse(document.getElementById('sbom-graph').text);
  const n = g.names.length;
  const box = document.getElementById('graph');
  const status = document.getElementById('graph-status');
  const search = document.getElementById('graph-search');
  const PAGE = 200;      // rows added by one "show more"
  const LIMIT = 100;     // search hits whose paths are shown
  const CHAIN = 12;      // a longer run of single steps on a shown path is folded to its ends
  const INDENT = 24;     // deeper levels are not indented further but numbered
  const keys = g.names.map((s, i) => (s + ' ' + g.purls[i]).toLowerCase());
  const symbol = { open: '\u25be', closed: '\u25b8', leaf: '\u00b7', cycle: '\u21bb' };

  // One row: component i at `level`, under the row `up` (null at the top).
  const row = (i, level, up) => {
    const r = document.createElement('div');
    r.className = 'node';
    r.setAttribute('role', 'treeitem');
    r.dataset.i = i;
    r.level = level;
    r.up = up;
    r.style.paddingLeft = (Math.min(level, INDENT) * 1.1) + 'rem';
    let cycle = false;
    for (let a = up; a && !cycle; a = a.up) cycle = Number(a.dataset.i) === i;
    const k = g.kids[i].length;
    const tw = document.createElement('span');
    tw.className = 'tw' + (k === 0 || cycle ? ' leaf' : '');
    tw.textContent = cycle ? symbol.cycle : k === 0 ? symbol.leaf : symbol.closed;
    if (cycle) tw.title = 'a cycle: this component is open above';
    r.append(tw);
    if (level > INDENT) {
      const d = document.createElement('span');
      d.className = 'muted';
      d.textContent = level + ': ';
      r.append(d);
    }
    const a = document.createElement('a');
    a.href = '#c' + i;
    a.textContent = g.names[i];
    r.append(a);
    if (k > 0) {
      const m = document.createElement('span');
      m.className = 'muted';
      m.textContent = ' ' + k + (k === 1 ? ' dependency' : ' dependencies');
      r.append(m);
    }
    return r;
  };

  // Rows for list[from..] under `up`, PAGE at a time, inserted before `before` (null: at the end).
  const fill = (list, from, level, up, before) => {
    const end = Math.min(list.length, from + PAGE);
    const rows = [];
    for (let j = from; j < end; j++) rows.push(row(list[j], level, up));
    if (end < list.length) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'more';
      more.level = level;
      more.style.marginLeft = (Math.min(level, INDENT) * 1.1 + 1.1) + 'rem';
      more.textContent = 'show ' + Math.min(PAGE, list.length - end) + ' more of ' + (list.length - end);
      more.addEventListener('click', () => { fill(list, end, level, up, more); more.remove(); });
      rows.push(more);
    }
    box.insertBefore(rowsFragment(rows), before);
  };
  const rowsFragment = rows => { const f = document.createDocumentFragment(); f.append(...rows); return f; };

  // What follows `r` one level or more deeper: its open descendants.
  const below = r => {
    const out = [];
    for (let s = r.nextElementSibling; s && s.level > r.level; s = s.nextElementSibling) out.push(s);
    return out;
  };

  const open = r => {
    below(r).forEach(s => s.remove());
    r.firstElementChild.textContent = symbol.open;
    r.setAttribute('aria-expanded', 'true');
    fill(g.kids[Number(r.dataset.i)], 0, r.level + 1, r, r.nextElementSibling);
  };

  const close = r => {
    below(r).forEach(s => s.remove());
    r.firstElementChild.textContent = symbol.closed;
    r.setAttribute('aria-expanded', 'false');
  };

  box.addEventListener('click', e => {
    const tw = e.target.closest('.tw');
    if (!tw || tw.classList.contains('leaf')) return;
    const r = tw.parentElement;
    if (r.getAttribute('aria-expanded') === 'true') close(r); else open(r);
  });

  const top = () => {
    box.replaceChildren();
    fill(g.roots, 0, 0, null, null);
    if (g.roots.length === 1) open(box.firstElementChild);
    status.textContent = n + ' components, ' + g.roots.length + (g.roots.length === 1 ? ' root' : ' roots');
  };

  // Search: the shortest paths from a root to each match (the first LIMIT), merged, drawn open down to the matches.
  const find = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(w => w);
    if (words.length === 0) { top(); return; }
    const hits = new Set();
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (words.every(w => keys[i].includes(w))) {
        if (hits.size < LIMIT) hits.add(i);
        total++;
      }
    }
    // ocisc chose each parent on a shortest path, so following them ends at a root; n steps at most.
    const shown = new Set();
    for (const h of hits) {
      for (let c = h, steps = 0; c >= 0 && !shown.has(c) && steps <= n; c = g.parent[c], steps++) shown.add(c);
    }
    const under = new Map();
    const starts = [];
    for (const c of shown) {
      const p = g.parent[c];
      if (p >= 0 && shown.has(p)) {
        if (!under.has(p)) under.set(p, []);
        under.get(p).push(c);
      } else {
        starts.push(c);
      }
    }
    under.forEach(v => v.sort((a, b) => a - b));
    starts.sort((a, b) => a - b);
    const rows = [];
    const add = (c, level, up) => {
      const r = row(c, level, up);
      if (hits.has(c)) r.classList.add('hit');
      if (under.has(c)) { r.firstElementChild.textContent = symbol.open; r.setAttribute('aria-expanded', 'true'); }
      rows.push(r);
      return r;
    };
    const stack = [];
    for (let j = starts.length - 1; j >= 0; j--) stack.push([starts[j], 0, null]);
    while (stack.length) {
      let [c, level, up] = stack.pop();
      // A run of single steps to the next branch or hit: long runs show their ends and a row that unfolds the rest.
      const chain = [c];
      for (let x = c; !hits.has(x) && (under.get(x) || []).length === 1; ) { x = under.get(x)[0]; chain.push(x); }
      let last = chain[chain.length - 1];
      if (chain.length > CHAIN) {
        const keep = 5;
        for (let j = 0; j < keep; j++) up = add(chain[j], level + j, up);
        const hidden = chain.slice(keep, chain.length - keep);
        const gap = document.createElement('button');
        gap.type = 'button';
        gap.className = 'more gap';
        gap.level = level + keep;
        gap.style.marginLeft = (Math.min(level + keep, INDENT) * 1.1 + 1.1) + 'rem';
        gap.textContent = '\u22ee ' + hidden.length + ' steps more on the shortest path (show)';
        const firstLevel = level + keep;
        const upAtGap = up;
        gap.addEventListener('click', () => {
          let u = upAtGap;
          const more = hidden.map((h, j) => {
            u = row(h, firstLevel + j, u);
            u.firstElementChild.textContent = symbol.open;
            u.setAttribute('aria-expanded', 'true');
            return u;
          });
          // the rows after the gap now hang under the last unfolded one
          const next = gap.nextElementSibling;
          if (next) next.up = u;
          gap.replaceWith(rowsFragment(more));
        });
        rows.push(gap);
        level += chain.length - keep;
        for (let j = chain.length - keep; j < chain.length; j++) up = add(chain[j], level + j - (chain.length - keep), up);
      } else {
        for (let j = 0; j < chain.length; j++) up = add(chain[j], level + j, up);
      }
      const depthOfLast = up.level;
      const kids = under.get(last) || [];
      for (let j = kids.length - 1; j >= 0; j--) stack.push([kids[j], depthOfLast + 1, up]);
    }
    box.replaceChildren(rowsFragment(rows));
    status.textContent = total === 0 ? 'no match'
      : total + (total === 1 ? ' match' : ' matches') + (total > LIMIT ? ', the first ' + LIMIT + ' shown' : '');
  };

  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(find, n > 2000 ? 150 : 0); });
  document.getElementById('graph-collapse').addEventListener('click', () => { search.value = ''; top(); });
  top();
})();
