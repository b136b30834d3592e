'use strict';
// The page framework: formatting, offline filters, sections with a table of contents, ECharts with the same
// defaults everywhere (SVG renderer, no animation, axes named with their unit, tooltips, legends).
// data sets arrive as {columns, rows} (names once, not per row); every section reads them as objects
for (const [name, value] of Object.entries(DATA)) {
  if (value && Array.isArray(value.columns)) {
    DATA[name] = value.rows.map(row => Object.fromEntries(value.columns.map((column, i) => [column, row[i]])));
  }
}
const META = DATA.meta;
const CUR = META.currency || '';
const SECTIONS = [];
const CHARTS = [];
const state = {segment: '', owner: ''};
const ITEMS = ['customer_profile', 'contract_terms', 'background_problem', 'success_definition', 'valued_points',
  'concerns', 'promises', 'key_people', 'communication_log', 'notes_for_cs'];
const BAND_COLOURS = {green: '#2e7d32', amber: '#f9a825', red: '#c62828', high: '#2e7d32', medium: '#f9a825', low: '#ef6c00', none: '#c62828'};

const fmt = {
  pct: v => v == null ? '–' : (v * 100).toFixed(1) + '%',
  pct0: v => v == null ? '–' : Math.round(v * 100) + '%',
  money: v => v == null ? '–' : (CUR ? CUR + ' ' : '') + Math.round(v).toLocaleString('en-US'),
  compact: v => v == null ? '–' : new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 1}).format(v),
  ratio: v => v == null ? '–' : (v >= 10 ? v.toFixed(0) : v.toFixed(1)) + 'x',
  num: (v, d) => v == null ? '–' : Number(v).toFixed(d || 0),
  month: s => s ? s.slice(0, 7) : '–',
  day: s => s ? String(s).slice(0, 10) : '–',
  label: s => String(s).replace(/_/g, ' '),
};
const MONEY_AXIS = 'MRR (' + (CUR || 'reporting currency') + ')';

function addMonths(iso, n) {
  const [y, m] = iso.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String(t % 12 + 1).padStart(2, '0')}-01`;
}
function monthName(iso) {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', {month: 'long', year: 'numeric', timeZone: 'UTC'});
}
const REVIEW = META.reviewMonth;
const RUN_MONTH = META.runDate.slice(0, 7) + '-01';
const YEAR_START = addMonths(REVIEW, -11);

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === '' || value == null) continue;
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Rows that pass the segment and owner filters; a filter applies only to data that carries its dimension. */
function filtered(rows) {
  return (rows || []).filter(r =>
    (!state.segment || !('segment' in r) || r.segment === state.segment)
    && (!state.owner || !('sales_owner' in r || 'csm_owner' in r || 'owner' in r)
        || r.sales_owner === state.owner || r.csm_owner === state.owner || r.owner === state.owner));
}
function filtering() { return Boolean(state.segment || state.owner); }
/** A note under a chart whose data cannot be split by the active filters. */
function notSplit(parent, what) {
  if (filtering()) parent.append(h('p', {class: 'filter-note'}, `${what} is not split by segment or owner: it shows every account.`));
}
function missingReason(name) {
  const table = (DATA.missing || {})[name];
  return table ? `No data: this warehouse has no ${table} (the job that published it did not build it).` : null;
}
/** False, after saying why, when a data set has no rows. */
function has(parent, name, rows, what) {
  const reason = missingReason(name);
  if (reason) { parent.append(h('div', {class: 'empty', 'data-empty': name}, reason)); return false; }
  if (!rows || !rows.length) {
    parent.append(h('div', {class: 'empty', 'data-empty': name}, `No data: ${what}.`));
    return false;
  }
  return true;
}
function sum(rows, field) { return rows.reduce((total, r) => total + (Number(r[field]) || 0), 0); }
function groupBy(rows, key) {
  const groups = new Map();
  for (const r of rows) {
    const k = typeof key === 'function' ? key(r) : r[key];
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  return groups;
}
function ratioOrNull(a, b) { return b ? a / b : null; }

function valueAxis(name, formatter, extra) {
  return Object.assign({type: 'value', name: name, nameTextStyle: {align: 'left', color: '#52606d'},
    axisLabel: {formatter: formatter || (v => fmt.compact(v)), hideOverlap: true}, splitLine: {lineStyle: {color: '#e4e7eb'}}}, extra || {});
}
/** A second value axis, on the right: its name is aligned to end at the chart's right edge. */
function rightAxis(name, formatter) {
  return valueAxis(name, formatter, {splitLine: {show: false}, nameTextStyle: {align: 'right', color: '#52606d'}});
}
/** The value axis of a horizontal bar chart whose bars carry their label on the right: room is left for the label. */
function barValueAxis(name, formatter, extra) {
  return valueAxis(name, formatter, Object.assign({nameLocation: 'middle', nameGap: 26, boundaryGap: [0, '35%']}, extra || {}));
}
function categoryAxis(name, data, extra) {
  return Object.assign({type: 'category', name: name, nameLocation: 'middle', nameGap: 28,
    nameTextStyle: {color: '#52606d'}, data: data, axisLabel: {hideOverlap: true}}, extra || {});
}
function chart(parent, id, option, size) {
  const div = h('div', {class: 'chart' + (size ? ' ' + size : ''), id: id, 'data-chart': id});
  parent.append(div);
  const instance = echarts.init(div, null, {renderer: 'svg'});
  instance.setOption(Object.assign({
    animation: false,
    textStyle: {fontSize: 12},
    color: ['#2e7d32', '#66bb6a', '#26a69a', '#ef9a9a', '#c62828', '#90a4ae', '#1565c0', '#6a1b9a', '#f9a825', '#5d4037'],
    grid: {left: 12, right: 36, top: 48, bottom: 34, containLabel: true},
    tooltip: {trigger: 'axis', confine: true},
    legend: {top: 2, type: 'scroll'},
  }, option));
  CHARTS.push(instance);
  return instance;
}
function table(parent, columns, rows, attrs) {
  const head = h('tr', {}, columns.map(c => h('th', {class: c.num ? 'num' : '', style: c.width ? `width:${c.width}` : ''}, c.label)));
  const body = rows.map(r => h('tr', {}, columns.map(c => {
    const value = c.value(r);
    return h('td', {class: c.num ? 'num' : ''}, value instanceof Node ? value : value == null ? '–' : String(value));
  })));
  const node = h('table', attrs || {}, h('thead', {}, head), h('tbody', {}, body));
  parent.append(node);
  return node;
}
function section(id, title, note, render) { SECTIONS.push({id, title, note, render}); }

function singlePage() {
  const match = /^#page-([a-z-]+)$/.exec(location.hash);
  return match ? match[1] : null;
}
function renderAll() {
  while (CHARTS.length) CHARTS.pop().dispose();
  const pages = document.getElementById('pages');
  pages.innerHTML = '';
  const only = singlePage();
  document.body.classList.toggle('single', Boolean(only));
  for (const s of SECTIONS) {
    const node = h('section', {class: 'page' + (s.id === only ? ' shown' : ''), id: s.id},
      h('h2', {}, s.title), s.note ? h('p', {class: 'note'}, s.note) : null);
    pages.append(node);
    // a section hidden in single-page mode is not drawn: a chart needs a visible box to size itself
    if (!only || s.id === only) s.render(node);
  }
  document.body.setAttribute('data-rendered', 'true');
}
function setUp() {
  document.getElementById('subtitle').textContent = `Run date ${META.runDate}` + (META.version ? ` · published version ${META.version}` : '')
    + ` · review month ${monthName(REVIEW)} · amounts in ${CUR || 'the reporting currency'}`;
  const toc = document.getElementById('toc-links');
  // all sections one below the other, or (#page-<id>) one section at a time, the links acting as tabs
  const only = singlePage();
  toc.append(...SECTIONS.map(s => h('a', {href: (only ? '#page-' : '#') + s.id, class: s.id === only ? 'current' : ''}, s.title)));
  toc.style.display = 'contents';
  const segment = document.getElementById('filter-segment'), owner = document.getElementById('filter-owner');
  (META.segments || []).forEach(s => segment.append(h('option', {value: s.value}, fmt.label(s.value))));
  (META.owners || []).forEach(o => owner.append(h('option', {value: o.value}, `${o.value} (${o.role})`)));
  segment.addEventListener('change', () => { state.segment = segment.value; renderAll(); });
  owner.addEventListener('change', () => { state.owner = owner.value; renderAll(); });
  window.addEventListener('hashchange', () => { if (singlePage() || document.body.classList.contains('single')) renderAll(); });
  window.addEventListener('resize', () => CHARTS.forEach(c => c.resize()));
}
