// The monthly Sales x CS review: one printable page for the last complete month. Long lists are cut to their
// largest rows, with a count of the rest, so the page stays one sheet (A4 landscape).
const REVIEW_ROWS = 5;
const amount = v => v == null ? '–' : Math.round(v).toLocaleString('en-US');
const IN = CUR ? ` (${CUR})` : '';

function missingItems(r) {
  if (!r.has_handoff) return 'no hand-off';
  const missing = ITEMS.filter(item => r['has_' + item] === false).map(fmt.label);
  return missing.length ? missing.join(', ') : 'none';
}
function cut(parent, rows) {
  if (rows.length > REVIEW_ROWS) {
    parent.append(h('p', {class: 'note', 'data-more': rows.length - REVIEW_ROWS}, `… and ${rows.length - REVIEW_ROWS} more (${rows.length} in all).`));
  }
  return rows.slice(0, REVIEW_ROWS);
}
function reviewList(parent, title, name, rows, empty, columns) {
  parent.append(h('h3', {}, `${title} (${rows.length})`));
  if (!has(parent, name, rows, empty)) return;
  table(parent, columns, cut(parent, rows), {'data-review': name});
}

section('review', `Monthly Sales × CS review — ${monthName(REVIEW)}`, `The last complete month before the run date ${META.runDate}. Print this page (or open #page-review) for the monthly meeting.`, parent => {
  const prev = addMonths(REVIEW, -1);
  const bridge = bridgeRows();
  const b = bridge.find(r => r.month === REVIEW) || {}, bp = bridge.find(r => r.month === prev) || {};
  const k = retentionKpis(REVIEW), kp = retentionKpis(prev);
  const wins = filtered(DATA.reviewWins), red = filtered(DATA.reviewRed);
  const expansions = filtered(DATA.reviewExpansions), churns = filtered(DATA.reviewChurns);
  const cols = h('div', {class: 'cols'}), left = h('div'), right = h('div');
  cols.append(left, right);
  parent.append(cols);
  left.append(h('h3', {}, 'Shared KPIs'));
  table(left, [{label: 'KPI', value: r => r[0]}, {label: fmt.month(REVIEW), num: true, value: r => r[1]},
    {label: fmt.month(prev), num: true, value: r => r[2]}], [
    ['MRR (closing)', fmt.money(b.closing), fmt.money(bp.closing)],
    ['New + expansion MRR', fmt.money((b.new || 0) + (b.expansion || 0)), fmt.money((bp.new || 0) + (bp.expansion || 0))],
    ['Churned + contraction MRR', fmt.money((b.churn || 0) + (b.contraction || 0)), fmt.money((bp.churn || 0) + (bp.contraction || 0))],
    ['NRR / GRR (monthly)', `${fmt.pct(k.nrr)} / ${fmt.pct(k.grr)}`, `${fmt.pct(kp.nrr)} / ${fmt.pct(kp.grr)}`],
    ['Logo churn · quick ratio', `${fmt.pct(k.churn)} · ${fmt.num(k.quick, 2)}`, `${fmt.pct(kp.churn)} · ${fmt.num(kp.quick, 2)}`],
    ['Deals won · turned red', `${wins.length} · ${red.length}`, ''],
  ], {'data-review': 'kpis', class: 'kpis'});
  const reps = [...groupBy(wins, 'sales_owner')].map(([rep, rs]) => {
    const handed = rs.filter(r => r.has_handoff);
    const missed = ITEMS.map(item => [fmt.label(item), handed.filter(r => r['has_' + item] === false).length])
      .filter(m => m[1] > 0).sort((a, b) => b[1] - a[1]).slice(0, 1);
    return {rep, wins: rs.length, bookings: sum(rs, 'amount_reporting'), score: ratioOrNull(sum(rs, 'completeness_score'), rs.length),
      without: rs.length - handed.length, missed: missed.map(m => `${m[0]} (${m[1]})`).join(', ') || 'none'};
  }).sort((a, b) => b.bookings - a.bookings);
  left.append(h('h3', {}, `Wins by rep, with the hand-off (${wins.length} won)`));
  if (has(left, 'reviewWins', reps, `no deal was won in ${monthName(REVIEW)}`)) {
    if (reps.length > 12) left.append(h('p', {class: 'note'}, `The 12 reps with the largest bookings of ${reps.length}.`));
    table(left, [{label: 'Rep', width: '19%', value: r => r.rep}, {label: 'Wins', num: true, width: '10%', value: r => r.wins},
      {label: 'Bookings' + IN, num: true, width: '16%', value: r => amount(r.bookings)},
      {label: 'Hand-off', num: true, width: '11%', value: r => fmt.pct0(r.score)},
      {label: 'None', num: true, width: '9%', value: r => r.without},
      {label: 'Most missed item (deals)', value: r => r.missed}], reps.slice(0, 12), {'data-review': 'reviewWinsByRep'});
    reviewList(left, 'Largest wins', 'reviewWins', [...wins].sort((a, b) => (b.amount_reporting || 0) - (a.amount_reporting || 0)), '', [
      {label: 'Rep', width: '18%', value: r => r.sales_owner}, {label: 'Account', width: '22%', value: r => r.account_name || r.account_id},
      {label: 'Amount' + IN, num: true, width: '16%', value: r => amount(r.amount_reporting)},
      {label: 'Hand-off', width: '11%', value: r => r.has_handoff ? `${r.items_filled}/10` : 'none'},
      {label: 'Missing items', value: r => missingItems(r)}]);
  }
  reviewList(right, 'Accounts that turned red, by CSM', 'reviewRed', red, `no account turned red in ${monthName(REVIEW)}`, [
    {label: 'CSM', value: r => r.csm_owner}, {label: 'Account', value: r => r.account_name || r.account_id},
    {label: 'Score', num: true, value: r => fmt.num(r.health_score, 0)}, {label: 'MRR' + IN, num: true, value: r => amount(r.mrr)},
    {label: 'Was', value: r => r.previous_band || 'new'},
    {label: 'Weakest', value: r => [['MRR trend', r.mrr_trend_points], ['support', r.support_load_points], ['CSAT', r.csat_points], ['hand-off', r.handoff_points], ['NPS', r.nps_points]]
      .sort((a, b) => a[1] - b[1])[0][0]}]);
  reviewList(right, 'Churns, with their last support and hand-off', 'reviewChurns', churns, `no account churned in ${monthName(REVIEW)}`, [
    {label: 'Account', width: '17%', value: r => r.account_name || r.account_id}, {label: 'CSM', width: '14%', value: r => r.csm_owner},
    {label: 'MRR lost' + IN, num: true, width: '13%', value: r => amount(r.churned_mrr)},
    {label: 'Last ticket', width: '24%', value: r => r.last_ticket_at ? `${fmt.day(r.last_ticket_at)} ${r.last_ticket_priority || ''} ${r.last_ticket_status || ''}`
      + (r.last_ticket_csat != null ? ` CSAT ${r.last_ticket_csat}` : '') : 'none'},
    {label: '3 mo: tickets / esc.', num: true, width: '14%', value: r => `${r.tickets_opened_3m ?? 0} / ${r.escalations_3m ?? 0}`},
    {label: 'Hand-off', value: r => r.handed_off_at ? `${r.handoff_items}/10 on ${fmt.day(r.handed_off_at)}` : 'none'}]);
  reviewList(right, 'Expansions', 'reviewExpansions', expansions, `no account expanded in ${monthName(REVIEW)}`, [
    {label: 'Account', value: r => r.account_name || r.account_id}, {label: 'CSM', value: r => r.csm_owner},
    {label: 'Rep', value: r => r.sales_owner}, {label: '+MRR' + IN, num: true, value: r => amount(r.expansion_mrr)},
    {label: 'MRR now', num: true, value: r => amount(r.closing_mrr)}]);
});
