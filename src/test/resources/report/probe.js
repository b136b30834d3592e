// Test-only: appended to a copy of the report, runs after the page's own scripts and writes what the browser laid
// out into <pre id="probe"> as JSON: each chart's axes, series and SVG texts (and those drawn outside the chart),
// and every piece of HTML text wider than its box.
(function () {
  const result = {charts: [], overflow: [], empty: [], partial: document.querySelectorAll('[data-partial]').length};
  document.querySelectorAll('[data-chart]').forEach(div => {
    const option = echarts.getInstanceByDom(div).getOption();
    const axes = list => (list || []).map(a => ({type: a.type, name: a.name || '', categories: (a.data || []).length}));
    const points = data => (data || []).filter(v => v != null && (typeof v !== 'object' || Array.isArray(v) || v.value != null)).length;
    const svg = div.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
    const outside = texts.filter(t => {
      const r = t.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    }).map(t => t.textContent);
    result.charts.push({id: div.id, width: Math.round(box.width), height: Math.round(box.height),
      xAxis: axes(option.xAxis), yAxis: axes(option.yAxis), visualMaps: (option.visualMap || []).length,
      legend: (option.legend || []).some(l => l.show !== false),
      series: (option.series || []).map(s => ({name: s.name, type: s.type, points: points(s.data)})),
      texts: texts.map(t => t.textContent), outside: outside});
  });
  document.querySelectorAll('td, th, h1, h2, h3, p, label, nav a, .empty, select').forEach(el => {
    if (el.offsetParent === null) return;
    if (el.scrollWidth > el.clientWidth + 1) result.overflow.push(el.tagName + ': ' + el.textContent.slice(0, 80));
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    result.overflow.push('page wider than the window: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
  }
  document.querySelectorAll('.empty').forEach(e => { if (e.offsetParent !== null) result.empty.push(e.getAttribute('data-empty') + ': ' + e.textContent); });
  // filters work offline: choose each requested value, read the overview's KPI rows, then go back to all
  result.filtered = (window.PROBE_FILTERS || []).map(([select, value]) => {
    const element = document.getElementById(select);
    element.value = value;
    element.dispatchEvent(new Event('change'));
    const rows = [...document.querySelectorAll('#overview table.kpis tbody tr')].map(tr => [...tr.children].map(td => td.textContent));
    const out = {select: select, value: value, kpis: rows, charts: document.querySelectorAll('[data-chart]').length};
    element.value = '';
    element.dispatchEvent(new Event('change'));
    return out;
  });
  result.sections = [...document.querySelectorAll('section.page')].filter(s => s.offsetParent !== null).map(s => s.id);
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(result);
  document.body.append(pre);
})();
