// The report's sections, in table-of-contents order. Each reads DATA through filtered() and says when it has no data.

/** Monthly MRR movements, from the bridge mart, or summed from the account movements when a filter is active. */
function bridgeRows() {
  if (!filtering()) return DATA.bridge.map(r => Object.assign({}, r, {closing: r.closing_mrr}));
  return [...groupBy(filtered(DATA.movements), 'month')].map(([month, rows]) => ({month,
    new: sum(rows, 'new'), expansion: sum(rows, 'expansion'), reactivation: sum(rows, 'reactivation'),
    contraction: sum(rows, 'contraction'), churn: sum(rows, 'churn'), fx: sum(rows, 'fx'),
    opening_mrr: sum(rows, 'opening_mrr'), closing: sum(rows, 'closing_mrr')}));
}
function partialMonth(month) {
  const row = DATA.bridge.find(r => r.month === month);
  if (row && 'is_partial_month' in row) return Boolean(row.is_partial_month);
  return month === RUN_MONTH && META.runMonthIsPartial;
}
/** NRR, GRR, logo churn and quick ratio of one month, for the owner, the segment or the company. */
function retentionKpis(month) {
  if (state.owner) {
    const rows = DATA.scorecard.filter(r => r.owner === state.owner && r.month_start === month);
    const r = rows.find(x => x.owner_role === 'csm') || rows[0];
    return r ? {nrr: r.nrr, grr: r.grr, churn: r.logo_churn_rate, quick: null, source: `${r.owner_role} scorecard`} : {};
  }
  const r = DATA.churn.find(x => x.month === month && x.segment === (state.segment || 'all'));
  const b = DATA.bridge.find(x => x.month === month);
  return r ? {nrr: r.nrr, grr: r.grr, churn: r.logo_churn_rate, quick: 'quick_ratio' in r ? r.quick_ratio : b && b.quick_ratio} : {};
}
function ltvCacRange(month) {
  const values = DATA.ltvCac.filter(r => r.month === month && r.ltv_cac != null).map(r => r.ltv_cac);
  return values.length ? `${fmt.ratio(Math.min(...values))} – ${fmt.ratio(Math.max(...values))}` : '–';
}

section('overview', 'Overview', 'The last complete month against the month before and the same month a year earlier; the run month so far, which is partial, is shown apart.', parent => {
  if (!has(parent, 'bridge', DATA.bridge, 'the MRR bridge is empty')) return;
  const bridge = bridgeRows();
  const months = [REVIEW, addMonths(REVIEW, -1), addMonths(REVIEW, -12)];
  const withRun = RUN_MONTH !== REVIEW ? [...months, RUN_MONTH] : months;
  const mrr = m => { const r = bridge.find(x => x.month === m); return r ? r.closing : null; };
  const rows = [
    {name: 'MRR (closing)', get: mrr, f: fmt.money},
    {name: 'NRR (monthly)', get: m => retentionKpis(m).nrr, f: fmt.pct},
    {name: 'GRR (monthly)', get: m => retentionKpis(m).grr, f: fmt.pct},
    {name: 'Logo churn (monthly)', get: m => retentionKpis(m).churn, f: fmt.pct},
    {name: 'Quick ratio', get: m => retentionKpis(m).quick, f: v => v == null ? '–' : v.toFixed(2)},
    {name: 'LTV/CAC (range across channels)', get: m => ltvCacRange(m), f: v => v},
  ];
  const head = h('tr', {}, h('th', {}, 'Metric'), withRun.map(m => h('th', {class: 'num'},
    m === REVIEW ? `${fmt.month(m)} (last complete)` : m === RUN_MONTH ? `${fmt.month(m)} to ${META.runDate.slice(8)}` : fmt.month(m),
    partialMonth(m) ? h('div', {class: 'partial', 'data-partial': 'true'}, 'partial month') : null)),
    h('th', {class: 'num'}, 'vs month before'));
  const body = rows.map(row => {
    const now = row.get(REVIEW), before = row.get(months[1]);
    const delta = typeof now === 'number' && typeof before === 'number' ? now - before : null;
    return h('tr', {}, h('td', {}, row.name), withRun.map(m => h('td', {class: 'num'}, row.f(row.get(m)))),
      h('td', {class: 'num ' + (delta > 0 ? 'up' : delta < 0 ? 'down' : '')},
        delta == null ? '–' : (delta > 0 ? '+' : '') + (row.f === fmt.money ? fmt.money(delta) : row.f === fmt.pct ? (delta * 100).toFixed(1) + ' pts' : delta.toFixed(2))));
  });
  parent.append(h('table', {class: 'kpis'}, h('thead', {}, head), h('tbody', {}, body)));
  if (state.owner) parent.append(h('p', {class: 'filter-note'}, `NRR, GRR and logo churn are ${state.owner}'s owner scorecard; LTV/CAC is company-wide.`));
  const fresh = Object.entries(META.freshness || {});
  parent.append(h('p', {class: 'freshness', id: 'freshness'}, 'Data freshness (newest date per feed): ',
    fresh.length ? fresh.map(([feed, day]) => `${feed} ${day || 'none'}`).join(' · ') : 'unknown',
    ` · run date ${META.runDate}.`));
  const last = bridge.filter(r => r.month >= addMonths(REVIEW, -23) && r.month <= RUN_MONTH);
  const nrr = last.map(r => retentionKpis(r.month).nrr);
  chart(parent, 'overview-mrr', {
    tooltip: {trigger: 'axis', confine: true, valueFormatter: v => v == null ? '–' : v > 5 ? fmt.money(v) : fmt.pct(v)},
    xAxis: categoryAxis('Month (* partial)', last.map(r => fmt.month(r.month) + (partialMonth(r.month) ? '*' : ''))),
    yAxis: [valueAxis(MONEY_AXIS), rightAxis('NRR (%)', v => fmt.pct0(v))],
    series: [{name: 'Closing MRR', type: 'bar', data: last.map(r => r.closing), itemStyle: {color: '#1565c0'}},
      {name: 'NRR (monthly)', type: 'line', yAxisIndex: 1, data: nrr, itemStyle: {color: '#c62828'}}],
  });
  parent.append(h('p', {class: 'note'}, '* partial month (the run date is not its last day).'));
});

section('revenue', 'Revenue', 'MRR bridge: new, expansion and reactivation add to MRR; contraction and churn take from it; fx is the effect of exchange rates.', parent => {
  if (!has(parent, 'bridge', DATA.bridge, 'the MRR bridge is empty')) return;
  const rows = bridgeRows();
  const parts = [['new', 1], ['expansion', 1], ['reactivation', 1], ['contraction', -1], ['churn', -1], ['fx', 1]];
  chart(parent, 'revenue-bridge', {
    tooltip: {trigger: 'axis', confine: true, valueFormatter: v => fmt.money(v)},
    xAxis: categoryAxis('Month (* partial)', rows.map(r => fmt.month(r.month) + (partialMonth(r.month) ? '*' : ''))),
    yAxis: [valueAxis('MRR movement (' + (CUR || 'reporting currency') + ')'), rightAxis('Closing ' + MONEY_AXIS)],
    series: parts.map(([name, sign]) => ({name, type: 'bar', stack: 'movement', data: rows.map(r => sign * (r[name] || 0))}))
      .concat([{name: 'closing MRR', type: 'line', yAxisIndex: 1, data: rows.map(r => r.closing), itemStyle: {color: '#1f2933'}}]),
  }, 'tall');
  identityCoverage(parent);
  parent.append(h('h3', {}, `Movements by segment, ${fmt.month(YEAR_START)} to ${fmt.month(REVIEW)}`));
  const movements = filtered(DATA.movements).filter(r => r.month >= YEAR_START && r.month <= REVIEW);
  if (!has(parent, 'movements', movements, 'no MRR movements in these twelve months')) return;
  const segments = [...groupBy(movements, 'segment').keys()].sort();
  chart(parent, 'revenue-segments', {
    tooltip: {trigger: 'axis', confine: true, valueFormatter: v => fmt.money(v)},
    xAxis: categoryAxis('Segment', segments.map(fmt.label)),
    yAxis: valueAxis('MRR movement, 12 months (' + (CUR || 'reporting currency') + ')'),
    series: parts.map(([name, sign]) => ({name, type: 'bar', stack: 'movement',
      data: segments.map(s => sign * sum(movements.filter(r => r.segment === s), name))})),
  });
});

// Only a night that resolves identities (kind: identities) has rows; the canonical night shows nothing here.
function identityCoverage(parent) {
  const rows = DATA.identity || [];
  if (!rows.length) return;
  parent.append(h('h3', {}, 'Accounts across systems'));
  parent.append(h('p', {class: 'filter-note'}, 'Run-month MRR of the accounts each system\'s records are linked to, by rule. '
    + 'Unmatched records are accounts of their own (segment and owners unknown); fix a link in account_map.csv (docs/identity.md).'));
  table(parent, [
    {label: 'System', value: r => r.system},
    {label: 'Rule', value: r => fmt.label(r.rule)},
    {label: 'Records', num: true, value: r => fmt.num(r.identities)},
    {label: 'Accounts', num: true, value: r => fmt.num(r.accounts)},
    {label: 'MRR', num: true, value: r => fmt.money(r.mrr)},
    {label: 'Share of MRR', num: true, value: r => fmt.pct(r.mrr_share)},
  ], rows, {'data-table': 'identity'});
}

function cohortSource() {
  const select = document.getElementById('cohort-dimension');
  const choice = select ? select.value : state.segment ? 'segment:' + state.segment : 'all';
  if (choice === 'all') return {choice, rows: DATA.cohort};
  const [dimension, value] = choice.split(/:(.*)/s);
  return {choice, rows: DATA.cohortByDimension.filter(r => r.dimension === dimension && r.dimension_value === value)};
}
function heatmap(parent, rows) {
  const cohorts = [...new Set(rows.map(r => fmt.month(r.cohort_month)))];
  const ks = [...new Set(rows.map(r => r.months_since_start))].sort((a, b) => a - b);
  // white numbers on the deep ends of the scale, dark ones elsewhere, so every cell stays readable
  const data = rows.filter(r => r.nrr != null).map(r => ({
    value: [ks.indexOf(r.months_since_start), cohorts.indexOf(fmt.month(r.cohort_month)), r.nrr, r.grr, r.cohort_accounts],
    label: {color: r.nrr < 0.7 || r.nrr > 1.35 ? '#fff' : '#1f2933'}}));
  const div = chart(parent, 'retention-heatmap', {
    tooltip: {trigger: 'item', confine: true, formatter: p => `Cohort ${cohorts[p.value[1]]}, month ${ks[p.value[0]]}<br>NRR ${fmt.pct(p.value[2])} · GRR ${fmt.pct(p.value[3])}<br>${p.value[4]} accounts`},
    grid: {left: 12, right: 24, top: 64, bottom: 34, containLabel: true},
    xAxis: categoryAxis('Months since the cohort\'s first paid month', ks.map(String), {splitArea: {show: false}}),
    yAxis: Object.assign(categoryAxis('', cohorts, {inverse: true}), {name: 'Cohort (first paid month)', nameLocation: 'start', nameGap: 8, nameTextStyle: {align: 'left', color: '#52606d'}}),
    legend: {show: false},
    // diverging around 100%: red below, white at 100%, green above; values beyond 50% / 150% keep the end colour
    visualMap: {type: 'continuous', min: 0.5, max: 1.5, calculable: false, orient: 'horizontal', left: 'center', top: 0,
      itemWidth: 12, itemHeight: 220, text: ['150%+', '≤50%'], formatter: v => fmt.pct0(v), dimension: 2,
      inRange: {color: ['#b2182b', '#f4a582', '#f7f7f7', '#a6dba0', '#1b7837']}},
    series: [{name: 'NRR', type: 'heatmap', data: data, label: {show: true, fontSize: ks.length > 18 ? 9 : 11, color: '#1f2933',
      formatter: p => fmt.pct0(p.value[2])}, itemStyle: {borderColor: '#fff', borderWidth: 1}}],
  }, null);
  div.getDom().style.height = Math.max(220, 110 + cohorts.length * 22) + 'px';
  div.resize();
  return div;
}

section('retention', 'Retention', 'Cohort NRR in constant currency: each row is the accounts whose first paid month it is, each column the months since; the colour is centred on 100%.', parent => {
  if (!has(parent, 'cohort', DATA.cohort, 'no cohorts yet')) return;
  const select = h('select', {id: 'cohort-dimension'}, h('option', {value: 'all'}, 'all accounts'));
  for (const [key, rows] of groupBy(DATA.cohortByDimension, r => r.dimension + ':' + r.dimension_value)) {
    select.append(h('option', {value: key}, `${rows[0].dimension}: ${fmt.label(rows[0].dimension_value)}`));
  }
  if (state.segment) select.value = 'segment:' + state.segment;
  parent.append(h('label', {}, 'Cohorts of ', select));
  const box = h('div');
  parent.append(box);
  let drawn = null;
  const draw = () => {
    if (drawn) { CHARTS.splice(CHARTS.indexOf(drawn), 1); drawn.dispose(); drawn = null; }
    box.innerHTML = '';
    const source = cohortSource();
    if (has(box, 'cohortByDimension', source.rows, 'no cohorts for this choice')) drawn = heatmap(box, source.rows);
  };
  select.addEventListener('change', draw);
  draw();
  parent.append(h('h3', {}, 'Trailing twelve months'));
  if (has(parent, 'retention', DATA.retention.filter(r => r.t12m_nrr != null), 'no month has twelve months of history yet')) {
    const rows = DATA.retention.filter(r => r.t12m_nrr != null);
    notSplit(parent, 'T12M retention');
    chart(parent, 'retention-t12m', {
      tooltip: {trigger: 'axis', confine: true, valueFormatter: v => fmt.pct(v)},
      xAxis: categoryAxis('Month', rows.map(r => fmt.month(r.month))),
      yAxis: valueAxis('Retention (%)', v => fmt.pct0(v), {scale: true}),
      series: [['t12m_nrr', 'T12M NRR'], ['t12m_grr', 'T12M GRR'], ['t12m_logo_retention', 'T12M logo retention']]
        .map(([field, name], i) => ({name, type: 'line', data: rows.map(r => r[field]), itemStyle: {color: ['#1565c0', '#2e7d32', '#6a1b9a'][i]}})),
    }, 'short');
  }
  parent.append(h('h3', {}, 'Logo churn by segment'));
  const churn = DATA.churn.filter(r => r.segment !== 'all' && (!state.segment || r.segment === state.segment));
  if (has(parent, 'churn', churn, 'no churn rows by segment')) {
    const months = [...new Set(churn.map(r => r.month))];
    chart(parent, 'retention-churn', {
      tooltip: {trigger: 'axis', confine: true, valueFormatter: v => fmt.pct(v)},
      xAxis: categoryAxis('Month', months.map(fmt.month)),
      yAxis: valueAxis('Logo churn per month (%)', v => fmt.pct0(v)),
      series: [...groupBy(churn, 'segment')].map(([segment, rows]) => ({name: fmt.label(segment), type: 'line',
        data: months.map(m => { const r = rows.find(x => x.month === m); return r ? r.logo_churn_rate : null; })})),
    }, 'short');
  }
});
