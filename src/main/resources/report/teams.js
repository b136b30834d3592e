// Sections on what each team does: unit economics, funnel, hand-off, support, health, people.

/** Flags a mart may carry on an LTV row (ltv_is_capped and any other ltv_is_* column), as words. */
function ltvFlags(r) {
  return Object.keys(r).filter(k => k.startsWith('ltv_is_') && r[k] === true).map(k => k.slice(7).replace(/_/g, ' '));
}

section('unit', 'Unit economics', 'LTV/CAC per acquisition channel in the latest month in which the channel has both. LTV rests on the channel\'s trailing logo churn: a tiny churn makes a huge LTV, so each bar names its churn and the lifetime it implies.', parent => {
  const latest = [...groupBy(DATA.ltvCac.filter(r => r.ltv_cac != null), 'acquisition_channel')].map(([, rows]) => rows[rows.length - 1]);
  notSplit(parent, 'LTV/CAC');
  if (!has(parent, 'ltvCac', latest, 'no channel has both an LTV and a CAC (no spend delivered, or no churn yet)')) return;
  const label = r => {
    const flags = ltvFlags(r);
    const life = r.logo_churn_rate ? ` · lifetime ${fmt.num(1 / r.logo_churn_rate)} mo` : '';
    return `${fmt.ratio(r.ltv_cac)} · churn ${fmt.pct(r.logo_churn_rate)}/mo${life}${flags.length ? ' · ' + flags.join(', ') : ''}`;
  };
  chart(parent, 'unit-ltv-cac', {
    tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, formatter: ps => {
      const r = latest[ps[0].dataIndex];
      return `${r.acquisition_channel} (${fmt.month(r.month)})<br>LTV ${fmt.money(r.ltv)} · CAC ${fmt.money(r.cac)}<br>${label(r)}`; }},
    grid: {left: 12, right: 24, top: 30, bottom: 34, containLabel: true},
    legend: {show: false},
    xAxis: barValueAxis('LTV / CAC (x)', v => v + 'x'),
    yAxis: categoryAxis('', latest.map(r => fmt.label(r.acquisition_channel))),
    series: [{name: 'LTV/CAC', type: 'bar', data: latest.map(r => ({value: r.ltv_cac,
      itemStyle: {color: ltvFlags(r).length ? '#90a4ae' : r.ltv_cac >= 3 ? '#2e7d32' : r.ltv_cac >= 1 ? '#f9a825' : '#c62828'}})),
      label: {show: true, position: 'insideLeft', color: '#1f2933', formatter: p => label(latest[p.dataIndex])}}],
  }, 'short');
  parent.append(h('p', {class: 'note'}, 'Grey bars carry a flag from the mart (for example a capped LTV); green ≥ 3x, amber ≥ 1x, red below.'));
  table(parent, [
    {label: 'Channel', value: r => fmt.label(r.acquisition_channel)}, {label: 'Month', value: r => fmt.month(r.month)},
    {label: 'New accounts', num: true, value: r => r.new_accounts}, {label: 'CAC', num: true, value: r => fmt.money(r.cac)},
    {label: 'ARPA', num: true, value: r => fmt.money(r.arpa)}, {label: 'Churn / month', num: true, value: r => fmt.pct(r.logo_churn_rate)},
    {label: 'LTV', num: true, value: r => fmt.money(r.ltv)}, {label: 'LTV/CAC', num: true, value: r => fmt.ratio(r.ltv_cac)},
    {label: 'Payback (months)', num: true, value: r => fmt.num(r.cac_payback_months, 1)},
    {label: 'Flags', value: r => ltvFlags(r).join(', ') || '–'}], latest);
});

section('funnel', 'Funnel', `New-business deals created ${fmt.month(YEAR_START)} to ${fmt.month(REVIEW)}: Inside Sales → Field Sales → won → onboarded by CS (has a hand-off).`, parent => {
  const rows = DATA.funnel.filter(r => r.created_month >= YEAR_START && r.created_month <= REVIEW);
  notSplit(parent, 'The funnel');
  if (!has(parent, 'funnel', rows, 'no new-business deals were created in these twelve months')) return;
  const stages = [['Inside Sales', 'inside_sales_deals'], ['Field Sales', 'field_sales_deals'], ['Won', 'won_deals'], ['Onboarded', 'onboarded_deals']];
  const counts = stages.map(([, field]) => sum(rows, field));
  chart(parent, 'funnel-stages', {
    tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}},
    legend: {show: false},
    xAxis: categoryAxis('Stage reached', stages.map(s => s[0])),
    yAxis: valueAxis('Deals', v => v),
    series: [{name: 'Deals', type: 'bar', data: counts, itemStyle: {color: '#1565c0'}, label: {show: true, position: 'top', color: '#1f2933',
      formatter: p => p.dataIndex === 0 ? `${p.value}` : `${p.value} (${fmt.pct0(ratioOrNull(p.value, counts[p.dataIndex - 1]))} of previous)`}}],
  }, 'short');
  const days = DATA.funnel.filter(r => r.created_month >= YEAR_START);
  chart(parent, 'funnel-days', {
    tooltip: {trigger: 'axis', confine: true, valueFormatter: v => v == null ? '–' : fmt.num(v, 1) + ' days'},
    xAxis: categoryAxis('Month the deal was created', days.map(r => fmt.month(r.created_month))),
    yAxis: valueAxis('Days (median)', v => v),
    series: [{name: 'Created → won (in sales)', type: 'line', data: days.map(r => r.median_days_in_sales), itemStyle: {color: '#1565c0'}},
      {name: 'Won → hand-off', type: 'line', data: days.map(r => r.median_days_won_to_handoff), itemStyle: {color: '#ef6c00'}}],
  }, 'short');
  parent.append(h('p', {class: 'note'}, `Win rate over the twelve months: ${fmt.pct(ratioOrNull(sum(rows, 'won_deals'), sum(rows, 'won_deals') + sum(rows, 'lost_deals')))} `
    + `(won / closed); deals in a stage the stage map does not know: ${sum(rows, 'unmapped_stage_deals')}.`));
});

section('handoff', 'Hand-off', `Won deals ${fmt.month(YEAR_START)} to ${fmt.month(REVIEW)}: how complete the Sales → CS hand-off was (10 items), and how accounts were retained by completeness band.`, parent => {
  const rows = DATA.handoffOwner.filter(r => r.closed_month <= REVIEW);
  if (has(parent, 'handoffOwner', rows, 'no deals were won in these twelve months')) {
    const reps = [...groupBy(filtered(rows.filter(r => r.sales_owner !== 'all')), 'sales_owner')]
      .map(([rep, rs]) => ({rep, won: sum(rs, 'won_deals'), score: ratioOrNull(rs.reduce((t, r) => t + r.avg_completeness_score * r.won_deals, 0), sum(rs, 'won_deals'))}))
      .sort((a, b) => a.score - b.score);
    if (has(parent, 'handoffOwner', reps, 'no rep matches the filter')) {
      chart(parent, 'handoff-reps', {
        tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.pct(v)},
        legend: {show: false}, grid: {left: 12, right: 24, top: 30, bottom: 34, containLabel: true},
        xAxis: valueAxis('Average hand-off completeness (%)', v => fmt.pct0(v), {max: 1, nameLocation: 'middle', nameGap: 26}),
        yAxis: categoryAxis('', reps.map(r => r.rep)),
        series: [{name: 'Completeness', type: 'bar', data: reps.map(r => r.score), itemStyle: {color: '#1565c0'},
          label: {show: true, position: 'right', color: '#1f2933', formatter: p => `${fmt.pct0(p.value)} of ${reps[p.dataIndex].won} deals`}}],
      }, null).getDom().style.height = Math.max(200, 70 + reps.length * 26) + 'px';
      CHARTS[CHARTS.length - 1].resize();
    }
    const scope = state.owner ? rows.filter(r => r.sales_owner === state.owner) : rows.filter(r => r.sales_owner === 'all');
    const won = sum(scope, 'won_deals');
    if (won) {
      const missing = ITEMS.map(item => ({item, share: 1 - scope.reduce((t, r) => t + (r['share_' + item] || 0) * r.won_deals, 0) / won}))
        .sort((a, b) => a.share - b.share);
      parent.append(h('h3', {}, 'Items missing from hand-offs' + (state.owner ? ` (${state.owner})` : '')));
      chart(parent, 'handoff-missing', {
        tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.pct(v)},
        legend: {show: false}, grid: {left: 12, right: 24, top: 30, bottom: 34, containLabel: true},
        xAxis: valueAxis('Won deals missing the item (%)', v => fmt.pct0(v), {max: 1, nameLocation: 'middle', nameGap: 26}),
        yAxis: categoryAxis('', missing.map(m => fmt.label(m.item))),
        series: [{name: 'Missing', type: 'bar', data: missing.map(m => m.share), itemStyle: {color: '#ef6c00'},
          label: {show: true, position: 'right', color: '#1f2933', formatter: p => fmt.pct0(p.value)}}],
      });
    }
  }
  parent.append(h('h3', {}, 'Retention by hand-off completeness'));
  notSplit(parent, 'Retention by band');
  if (!has(parent, 'handoffRetention', DATA.handoffRetention, 'no first win has reached its 90-day horizon yet')) return;
  const bands = [...groupBy(DATA.handoffRetention, 'completeness_band').keys()];
  const horizons = [...new Set(DATA.handoffRetention.map(r => r.horizon_days))].sort((a, b) => a - b);
  chart(parent, 'handoff-retention', {
    tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.pct(v)},
    xAxis: categoryAxis('Hand-off completeness band', bands),
    yAxis: valueAxis('GRR at the horizon (%)', v => fmt.pct0(v)),
    series: horizons.map((days, i) => ({name: `${days} days`, type: 'bar', itemStyle: {color: ['#90caf9', '#1e88e5', '#0d47a1'][i % 3]},
      data: bands.map(b => { const r = DATA.handoffRetention.find(x => x.completeness_band === b && x.horizon_days === days); return r ? r.grr : null; }),
      label: {show: true, position: 'top', fontSize: 10, color: '#1f2933', formatter: p => p.value == null ? '' : fmt.pct0(p.value)}})),
  }, 'short');
});

section('support', 'Support', `Support load, speed and satisfaction ${fmt.month(YEAR_START)} to ${fmt.month(RUN_MONTH)}, and support in the 3 months before a churn.`, parent => {
  const rows = filtered(DATA.support);
  if (has(parent, 'support', rows, 'no support rows for these months')) {
    const months = [...groupBy(rows, 'month')];
    chart(parent, 'support-load', {
      tooltip: {trigger: 'axis', confine: true, valueFormatter: v => v == null ? '–' : fmt.num(v, 2)},
      xAxis: categoryAxis('Month', months.map(([m]) => fmt.month(m))),
      yAxis: [valueAxis('Tickets per 100 seats', v => v), rightAxis('Tickets per 1,000 MRR', v => v)],
      series: [{name: 'per 100 seats', type: 'line', data: months.map(([, rs]) => ratioOrNull(sum(rs, 'tickets') * 100, sum(rs, 'seats'))), itemStyle: {color: '#1565c0'}},
        {name: 'per 1,000 MRR', type: 'line', yAxisIndex: 1, data: months.map(([, rs]) => ratioOrNull(sum(rs, 'tickets') * 1000, sum(rs, 'mrr'))), itemStyle: {color: '#6a1b9a'}}],
    }, 'short');
    chart(parent, 'support-csat', {
      tooltip: {trigger: 'axis', confine: true},
      xAxis: categoryAxis('Month', months.map(([m]) => fmt.month(m))),
      yAxis: [valueAxis('CSAT (1–5)', v => v, {min: 1, max: 5}), rightAxis('Escalations (tickets)', v => v)],
      series: [{name: 'CSAT', type: 'line', data: months.map(([, rs]) => ratioOrNull(sum(rs, 'csat_points'), sum(rs, 'csat_responses'))), itemStyle: {color: '#2e7d32'}},
        {name: 'Escalations', type: 'bar', yAxisIndex: 1, data: months.map(([, rs]) => sum(rs, 'escalations')), itemStyle: {color: '#ef9a9a'}}],
    }, 'short');
  }
  const csm = state.owner && DATA.supportTimes.some(r => r.csm_owner === state.owner);
  const times = DATA.supportTimes.filter(r => csm ? r.csm_owner === state.owner : state.segment ? r.segment === state.segment && r.csm_owner == null : r.total);
  if (state.owner && !csm) parent.append(h('p', {class: 'filter-note'}, 'Response times are split by CSM only; this shows every account.'));
  if (has(parent, 'supportTimes', times, 'no tickets in these months')) {
    chart(parent, 'support-times', {
      tooltip: {trigger: 'axis', confine: true, valueFormatter: v => v == null ? '–' : fmt.num(v, 1) + ' h'},
      xAxis: categoryAxis('Month the ticket was created', times.map(r => fmt.month(r.month))),
      yAxis: valueAxis('Hours (median)', v => v),
      series: [{name: 'First response', type: 'line', data: times.map(r => r.median_first_response_hours), itemStyle: {color: '#1565c0'}},
        {name: 'Resolution', type: 'line', data: times.map(r => r.median_resolution_hours), itemStyle: {color: '#ef6c00'}}],
    }, 'short');
  }
  parent.append(h('h3', {}, 'Support before churn'));
  notSplit(parent, 'Support before churn');
  const before = DATA.supportBeforeChurn;
  if (!has(parent, 'supportBeforeChurn', before, 'no account has started a paid month yet')) return;
  const measures = [['avg_tickets_3m', 'Tickets in 3 months'], ['avg_escalations_3m', 'Escalations in 3 months']];
  chart(parent, 'support-before-churn', {
    tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.num(v, 2)},
    xAxis: categoryAxis('Per account-month', measures.map(m => m[1])),
    yAxis: valueAxis('Average per observation', v => v),
    series: before.map(r => ({name: r.outcome, type: 'bar', itemStyle: {color: r.outcome === 'churned' ? '#c62828' : '#2e7d32'},
      data: measures.map(([field]) => r[field]), label: {show: true, position: 'top', color: '#1f2933', formatter: p => fmt.num(p.value, 2)}})),
  }, 'short');
  table(parent, [{label: 'Outcome', value: r => r.outcome}, {label: 'Account-months', num: true, value: r => r.account_months},
    {label: 'With any ticket', num: true, value: r => fmt.pct(r.share_with_tickets)}, {label: 'CSAT', num: true, value: r => fmt.num(r.csat_avg, 2)}], before);
});

section('nps', 'NPS', `Net Promoter Score ${fmt.month(YEAR_START)} to ${fmt.month(RUN_MONTH)}: % promoters (9–10) minus % detractors (0–6) of the month's NPS answers, −100 to 100; and what followed each kind of answer.`, parent => {
  const rows = filtered(DATA.nps);
  if (has(parent, 'nps', rows, 'no NPS answers in these months')) {
    const months = [...groupBy(rows, 'month')];
    const nps = rs => ratioOrNull((sum(rs, 'promoters') - sum(rs, 'detractors')) * 100, sum(rs, 'responses'));
    chart(parent, 'nps-monthly', {
      tooltip: {trigger: 'axis', confine: true, valueFormatter: v => v == null ? '–' : fmt.num(v, 1)},
      xAxis: categoryAxis('Month of the answer', months.map(([m]) => fmt.month(m))),
      yAxis: [valueAxis('NPS (−100 to 100)', v => v, {min: -100, max: 100}), rightAxis('Answers', v => v)],
      series: [{name: 'NPS', type: 'line', data: months.map(([, rs]) => nps(rs)), itemStyle: {color: '#1565c0'}},
        {name: 'Promoters', type: 'bar', stack: 'answers', yAxisIndex: 1, data: months.map(([, rs]) => sum(rs, 'promoters')), itemStyle: {color: '#2e7d32'}},
        {name: 'Passives', type: 'bar', stack: 'answers', yAxisIndex: 1, data: months.map(([, rs]) => sum(rs, 'passives')), itemStyle: {color: '#90a4ae'}},
        {name: 'Detractors', type: 'bar', stack: 'answers', yAxisIndex: 1, data: months.map(([, rs]) => sum(rs, 'detractors')), itemStyle: {color: '#c62828'}}],
    }, 'short');
  }
  parent.append(h('h3', {}, 'Churn and expansion in the 6 months after an answer'));
  notSplit(parent, 'What followed an answer');
  const outcomes = DATA.npsOutcomes;
  if (!has(parent, 'npsOutcomes', outcomes, 'no NPS answer is 6 months old yet')) return;
  table(parent, [{label: 'Answer', value: r => r.nps_category}, {label: 'Answers', num: true, value: r => r.responses},
    {label: 'Accounts', num: true, value: r => r.accounts}, {label: 'Churned within 6 months', num: true, value: r => fmt.pct(r.churn_rate_6m)},
    {label: 'Expanded within 6 months', num: true, value: r => fmt.pct(r.expansion_rate_6m)}], outcomes);
});

section('health', 'Health', 'Account health (0–100) from five components of 20 points: MRR trend, support load, CSAT, hand-off completeness and the latest NPS answer of the last 6 months. Green ≥ 75, amber ≥ 50, red below.', parent => {
  const rows = filtered(DATA.health).filter(r => r.month <= RUN_MONTH);
  if (!has(parent, 'health', rows, 'no paying account in these months')) return;
  const months = [...new Set(rows.map(r => r.month))];
  const bands = ['green', 'amber', 'red'];
  chart(parent, 'health-distribution', {
    tooltip: {trigger: 'axis', confine: true},
    xAxis: categoryAxis('Month', months.map(fmt.month)),
    yAxis: valueAxis('Paying accounts', v => v),
    series: bands.map(b => ({name: b, type: 'bar', stack: 'band', itemStyle: {color: BAND_COLOURS[b]},
      data: months.map(m => sum(rows.filter(r => r.month === m && r.band === b), 'accounts'))})),
  }, 'short');
  const review = rows.filter(r => r.month === REVIEW);
  const red = [...groupBy(review.filter(r => r.band === 'red'), 'csm_owner')].map(([owner, rs]) => ({owner, accounts: sum(rs, 'accounts'), mrr: sum(rs, 'mrr')}))
    .sort((a, b) => a.accounts - b.accounts);
  parent.append(h('h3', {}, `Red accounts by CSM, ${monthName(REVIEW)}`));
  if (has(parent, 'health', red, 'no account is red in the review month')) {
    chart(parent, 'health-red', {
      tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}},
      legend: {show: false}, grid: {left: 12, right: 24, top: 30, bottom: 34, containLabel: true},
      xAxis: barValueAxis('Red accounts', v => v, {minInterval: 1}),
      yAxis: categoryAxis('', red.map(r => r.owner || 'no CSM')),
      series: [{name: 'Red accounts', type: 'bar', data: red.map(r => r.accounts), itemStyle: {color: BAND_COLOURS.red},
        label: {show: true, position: 'right', color: '#1f2933', formatter: p => `${p.value} · ${fmt.money(red[p.dataIndex].mrr)} MRR`}}],
    }, null).getDom().style.height = Math.max(180, 70 + red.length * 26) + 'px';
    CHARTS[CHARTS.length - 1].resize();
  }
  const components = [['mrr_trend_points', 'MRR trend'], ['support_load_points', 'Support load'], ['csat_points', 'CSAT'], ['handoff_points', 'Hand-off'], ['nps_points', 'NPS']];
  if (review.length) {
    chart(parent, 'health-components', {
      tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.num(v, 1) + ' points'},
      xAxis: categoryAxis(`Component (average points, ${fmt.month(REVIEW)})`, components.map(c => c[1])),
      yAxis: valueAxis('Points (0–20)', v => v, {max: 20}),
      series: bands.filter(b => review.some(r => r.band === b)).map(b => ({name: b, type: 'bar', itemStyle: {color: BAND_COLOURS[b]},
        data: components.map(([field]) => { const rs = review.filter(r => r.band === b); return ratioOrNull(sum(rs, field), sum(rs, 'accounts')); })})),
    }, 'short');
  }
});

section('people', 'People', `Owner scorecards, ${fmt.month(YEAR_START)} to ${fmt.month(REVIEW)}: reps on what they won and how their accounts were retained, CSMs on the accounts they manage.`, parent => {
  const rows = filtered(DATA.scorecard).filter(r => r.month_start <= REVIEW);
  if (!has(parent, 'scorecard', rows, 'no owner has accounts in these months')) return;
  const card = role => [...groupBy(rows.filter(r => r.owner_role === role), 'owner')].map(([owner, rs]) => {
    const last = rs.find(r => r.month_start === REVIEW) || {};
    return {owner, won: sum(rs, 'won_deals'), bookings: sum(rs, 'bookings'), newMrr: sum(rs, 'new_mrr'),
      churned: sum(rs, 'churned_accounts'), churn: ratioOrNull(sum(rs, 'churned_accounts'), sum(rs, 'starting_accounts')),
      nrr: last.nrr, grr: last.grr, accounts: last.starting_accounts, mrr: last.ending_mrr};
  });
  const sales = card('sales').sort((a, b) => b.bookings - a.bookings), csms = card('csm').sort((a, b) => (b.mrr || 0) - (a.mrr || 0));
  parent.append(h('h3', {}, 'Sales reps'));
  if (sales.length) {
    const bars = [...sales].reverse();
    chart(parent, 'people-bookings', {
      tooltip: {trigger: 'axis', confine: true, axisPointer: {type: 'shadow'}, valueFormatter: v => fmt.money(v)},
      grid: {left: 12, right: 24, top: 30, bottom: 34, containLabel: true},
      xAxis: barValueAxis('Bookings and new MRR, 12 months (' + (CUR || 'reporting currency') + ')', null, {boundaryGap: [0, '10%']}),
      yAxis: categoryAxis('', bars.map(r => r.owner)),
      series: [{name: 'Bookings', type: 'bar', data: bars.map(r => r.bookings), itemStyle: {color: '#1565c0'}},
        {name: 'New MRR', type: 'bar', data: bars.map(r => r.newMrr), itemStyle: {color: '#66bb6a'}}],
    }, null).getDom().style.height = Math.max(200, 80 + bars.length * 30) + 'px';
    CHARTS[CHARTS.length - 1].resize();
    table(parent, [{label: 'Rep', value: r => r.owner}, {label: 'Won deals', num: true, value: r => r.won},
      {label: 'Bookings', num: true, value: r => fmt.money(r.bookings)}, {label: 'New MRR', num: true, value: r => fmt.money(r.newMrr)},
      {label: 'Logo churn of their accounts (12 mo)', num: true, value: r => fmt.pct(r.churn)},
      {label: `NRR ${fmt.month(REVIEW)}`, num: true, value: r => fmt.pct(r.nrr)}], sales);
  } else parent.append(h('div', {class: 'empty'}, 'No data: no sales rep matches the filter.'));
  parent.append(h('h3', {}, 'Customer success managers'));
  if (!csms.length) { parent.append(h('div', {class: 'empty'}, 'No data: no CSM matches the filter.')); return; }
  table(parent, [{label: 'CSM', value: r => r.owner}, {label: `Accounts at start of ${fmt.month(REVIEW)}`, num: true, value: r => r.accounts},
    {label: `MRR end of ${fmt.month(REVIEW)}`, num: true, value: r => fmt.money(r.mrr)}, {label: 'Churned (12 mo)', num: true, value: r => r.churned},
    {label: `NRR ${fmt.month(REVIEW)}`, num: true, value: r => fmt.pct(r.nrr)}, {label: `GRR ${fmt.month(REVIEW)}`, num: true, value: r => fmt.pct(r.grr)},
    {label: 'Expansion bookings', num: true, value: r => fmt.money(r.bookings)}], csms);
});
