// Shared by every ocisc HTML report: search fields that filter a table's rows, sortable columns. No network, no
// libraries: the page must work from a file, offline, under a policy that forbids everything else.
'use strict';
document.querySelectorAll('input[data-filter]').forEach(input => {
  const table = document.getElementById(input.dataset.filter);
  const counter = document.querySelector('[data-count-for="' + input.dataset.filter + '"]');
  const rows = Array.from(table.tBodies[0].rows);
  const texts = rows.map(r => r.textContent.toLowerCase());
  let timer = null;
  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(w => w);
    let shown = 0;
    rows.forEach((r, i) => {
      const hit = words.every(w => texts[i].includes(w));
      r.hidden = !hit;
      if (hit) shown++;
    });
    if (counter) counter.textContent = shown + ' of ' + rows.length;
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, rows.length > 2000 ? 120 : 0); });
  apply();
});
document.querySelectorAll('th[data-sort]').forEach(th => {
  th.addEventListener('click', () => {
    const table = th.closest('table');
    const body = table.tBodies[0];
    const col = th.cellIndex;
    const numeric = th.dataset.sort === 'number';
    const dir = th.dataset.dir === 'asc' ? -1 : 1;
    th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    const key = r => {
      const c = r.cells[col];
      const v = c ? (c.dataset.value ?? c.textContent) : '';
      return numeric ? Number(v) : v.toLowerCase();
    };
    const rows = Array.from(body.rows);
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    body.append(...rows);
  });
});
// Links that filter a table: <a data-search-into=TABLEID data-search="words"> fills that table's search field.
document.querySelectorAll('[data-search-into]').forEach(a => {
  a.addEventListener('click', e => {
    const input = document.querySelector('input[data-filter="' + a.dataset.searchInto + '"]');
    if (!input) return;
    e.preventDefault();
    input.value = a.dataset.search;
    input.dispatchEvent(new Event('input'));
    input.scrollIntoView({ block: 'nearest' });
  });
});
// A link to an anchor inside folded details, or to a row a search hid, shows it.
const revealTarget = () => {
  let id = '';
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; } // a hash typed by hand
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  if (target.hidden) target.hidden = false;
  target.scrollIntoView();
};
window.addEventListener('hashchange', revealTarget);
revealTarget();
