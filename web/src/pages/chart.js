// A chart page: the chart at one period (default the latest) with each
// entry's movement and counters, previous and next period, and the chart's
// leaderboards as tabs (?top=periods|peak|streak|no1).
import { h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { movement, num, text } from '../format.js';
import { artistLink, chartHref, moreButton, songLink } from '../links.js';

const BOARDS = [
  { by: 'periods', label: 'Most periods' },
  { by: 'peak', label: 'Best peak' },
  { by: 'streak', label: 'Longest streak' },
  { by: 'no1', label: 'Most No. 1s' },
];

/** What one period of the chart's cadence is called in a column header. */
const UNIT = { hourly: 'Hours', daily: 'Days', weekly: 'Weeks', monthly: 'Months', yearly: 'Years' };

function tabs(id, active, period) {
  const tab = (label, href, key) =>
    h('a', { href, class: 'tab', role: 'tab', 'aria-selected': active === key ? 'true' : 'false', 'data-testid': `tab-${key}` }, label);
  return h('nav', { class: 'tabs', role: 'tablist' }, tab('Chart', chartHref(id, { period }), 'chart'), BOARDS.map((b) => tab(b.label, chartHref(id, { top: b.by }), b.by)));
}

function entryRow(entry) {
  const move = movement(entry.move, entry.change);
  return h(
    'tr',
    { 'data-testid': 'chart-row', 'data-song-id': entry.song_id },
    h('td', { class: 'num rank', 'data-testid': 'rank' }, num(entry.rank)),
    h('td', { class: `move ${move.cls}`, 'data-testid': 'move', 'data-move': entry.move, 'data-change': entry.change ?? '', title: move.label, 'aria-label': move.label }, move.symbol),
    // On a phone the artist goes under the title and its column is hidden
    // (style.css), so that the table fits without scrolling sideways.
    h('td', null, h('span', { 'data-testid': 'title' }, songLink(entry.song_id, entry.title)), h('div', { class: 'phone-only meta', 'aria-hidden': 'true' }, text(entry.artist))),
    h('td', { class: 'col-artist', 'data-testid': 'artist' }, artistLink(entry.artist)),
    h('td', { class: 'num', 'data-testid': 'last' }, num(entry.last)),
    h('td', { class: 'num', 'data-testid': 'peak' }, num(entry.peak)),
    h('td', { class: 'num', 'data-testid': 'periods' }, num(entry.periods)),
  );
}

/** What the store holds of the chart (the API's chart info): its first and
 * latest period, the periods missing between them, partial snapshots, and
 * whether it begins mid-history. */
function coverage(meta, unit) {
  if (!meta.first) return h('p', { class: 'meta muted', 'data-testid': 'chart-coverage' }, 'Nothing stored');
  const parts = [`Stored from ${meta.first} to ${meta.latest}`];
  if (meta.missing) parts.push(`${num(meta.missing)} ${unit.toLowerCase()} missing`);
  if (meta.partial) parts.push(`${num(meta.partial)} holding only some songs`);
  if (meta.seeded) parts.push(`begins mid-history (${num(meta.seeded)} songs of the first had charted before)`);
  return h('p', { class: 'meta', 'data-testid': 'chart-coverage' }, parts.join(', '));
}

async function chartView(view, ctx, id, chart) {
  const requested = ctx.query.get('period');
  const first = await api(`/api/charts/${seg(id)}`, { period: requested, limit: 1000 }, ctx.signal);
  const entries = [...(first.entries || [])];
  // A chart larger than one page (over 1000 entries) is read to its end.
  for (let next = first.next; next; ) {
    const page = await api(next, null, ctx.signal);
    entries.push(...(page.entries || []));
    next = page.next;
  }
  const meta = { ...chart, ...(first.chart || {}) };
  ctx.title(`${meta.name || id} ${first.period}`);

  const goto = h('input', { type: 'text', name: 'period', size: 12, placeholder: first.period, 'aria-label': 'Period', 'data-testid': 'period-input' });
  const periodNav = h(
    'div',
    { class: 'period-nav' },
    first.previous
      ? h('a', { href: chartHref(id, { period: first.previous }), rel: 'prev', 'data-testid': 'period-prev' }, `← ${first.previous}`)
      : h('span', { class: 'muted', 'data-testid': 'period-prev' }, '← first period'),
    h('strong', { class: 'period', 'data-testid': 'period' }, first.period),
    first.following
      ? h('a', { href: chartHref(id, { period: first.following }), rel: 'next', 'data-testid': 'period-next' }, `${first.following} →`)
      : h('span', { class: 'muted', 'data-testid': 'period-next' }, 'latest period'),
    h(
      'form',
      {
        class: 'goto',
        onsubmit: (event) => {
          event.preventDefault();
          if (goto.value.trim()) ctx.navigate(chartHref(id, { period: goto.value.trim() }));
        },
      },
      goto,
      h('button', { type: 'submit' }, 'Go'),
    ),
  );
  const unit = UNIT[meta.cadence] || 'Periods';
  const headers = [
    { label: 'Rank', class: 'num' },
    { label: 'Move', title: 'Movement since the previous period' },
    { label: 'Title' },
    { label: 'Artist', class: 'col-artist' },
    { label: 'Last', class: 'num', title: 'Rank in the previous period' },
    { label: 'Peak', class: 'num' },
    { label: unit, class: 'num', title: `${unit} on the chart` },
  ];
  view.append(
    tabs(id, 'chart', ctx.query.get('period')),
    periodNav,
    h('p', { class: 'meta', 'data-testid': 'chart-total' }, `${num(first.total)} entries`),
    coverage(meta, unit),
    table(headers, entries.map(entryRow), { class: 'data chart-table', 'data-testid': 'chart-table', 'data-period': first.period }),
  );
}

function boardRow(row) {
  return h(
    'tr',
    { 'data-testid': 'top-row', 'data-song-id': row.song_id },
    h('td', { class: 'num', 'data-testid': 'pos' }, num(row.pos)),
    h('td', null, h('span', { 'data-testid': 'title' }, songLink(row.song_id, row.title)), h('div', { class: 'phone-only meta', 'aria-hidden': 'true' }, text(row.artist))),
    h('td', { class: 'col-artist', 'data-testid': 'artist' }, artistLink(row.artist)),
    h('td', { class: 'num', 'data-testid': 'periods' }, num(row.periods)),
    h('td', { class: 'num', 'data-testid': 'peak' }, num(row.peak)),
    h('td', { class: 'num', 'data-testid': 'at_peak' }, num(row.at_peak)),
    h('td', { class: 'num', 'data-testid': 'longest_streak' }, num(row.longest_streak)),
    h('td', { class: 'num', 'data-testid': 'no1' }, num(row.no1)),
    h('td', { class: 'date', 'data-testid': 'debut' }, text(row.debut)),
    h('td', { class: 'date', 'data-testid': 'last_period' }, text(row.last_period)),
  );
}

async function boardView(view, ctx, id, chart, by) {
  const board = BOARDS.find((b) => b.by === by);
  if (!board) {
    view.append(tabs(id, null, null), h('p', { class: 'error' }, `No leaderboard “${by}”: choose one of the tabs.`));
    return;
  }
  const answer = await api(`/api/charts/${seg(id)}/top`, { by, limit: 100 }, ctx.signal);
  ctx.title(`${chart.name || id}: ${board.label}`);
  const unit = UNIT[chart.cadence] || 'Periods';
  const sortedBy = { periods: 3, peak: 4, streak: 6, no1: 7 }[by];
  const headers = [
    { label: '#', class: 'num' },
    { label: 'Title' },
    { label: 'Artist', class: 'col-artist' },
    { label: unit, class: 'num', title: `${unit} on the chart` },
    { label: 'Peak', class: 'num' },
    { label: 'At peak', class: 'num', title: `${unit} at the peak` },
    { label: 'Streak', class: 'num', title: `Longest streak of consecutive ${unit.toLowerCase()}` },
    { label: 'No. 1s', class: 'num', title: `${unit} at No. 1` },
    { label: 'Debut' },
    { label: 'Last' },
  ].map((col, i) => (i === sortedBy ? { ...col, class: `${col.class || ''} sorted` } : col));
  const body = table(headers, (answer.rows || []).map(boardRow), { class: 'data', 'data-testid': 'top-table', 'data-by': by });
  const more = moreButton(answer.next, async (url) => {
    const page = await api(url);
    body.tBodies[0].append(...(page.rows || []).map(boardRow));
    return page.next;
  });
  view.append(tabs(id, by, null), h('p', { class: 'meta', 'data-testid': 'top-total' }, `${num(answer.total)} songs`), body, more);
}

export async function chartPage(view, ctx) {
  const id = ctx.params[0];
  const registry = await api('/api/charts', null, ctx.signal);
  const chart = (registry.charts || []).find((c) => c.id === id) || { id };
  ctx.title(chart.name || id);
  view.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { 'data-testid': 'chart-name' }, chart.name || id),
      h('span', { class: 'meta' }, [chart.provider, chart.region, chart.cadence, chart.size ? `top ${chart.size}` : null].filter(Boolean).join(' · ')),
    ),
  );
  const by = ctx.query.get('top');
  if (by) {
    await boardView(view, ctx, id, chart, by);
  } else {
    await chartView(view, ctx, id, chart);
  }
}
