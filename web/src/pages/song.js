// A song page: its run on every chart (a summary table), its rank over time
// on each chart (one plot per chart, rank 1 at the top), its cumulative
// stream totals with milestones, and whatever other series the store holds
// for it (All-Kills, regions), shown as tables.
import { h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { compact, num, periodTime, plural, text } from '../format.js';
import { artistLink, chartLink } from '../links.js';
import { PALETTE, rankPlot, totalsPlot } from '../plots.js';

/** The run fields in table order: API name, header, hint, link to period. */
const RUN_COLUMNS = [
  ['debut', 'Debut', 'First period on the chart ("before D": it had charted before the first stored period, D)', true],
  ['debut_rank', 'Debut rank', 'Rank in the first period'],
  ['peak', 'Peak', 'Best rank'],
  ['peak_period', 'Peak period', 'First period at the peak', true],
  ['at_peak', 'At peak', 'Periods at the peak'],
  ['periods', 'Periods', 'Periods on the chart, across gaps'],
  ['longest_streak', 'Streak', 'Longest run of consecutive periods'],
  ['no1', 'No. 1s', 'Periods at No. 1'],
  ['reentries', 'Re-entries', 'Returns after a gap'],
  ['last_period', 'Last', 'Latest period on the chart', true],
  ['last_rank', 'Last rank', 'Rank in the latest period'],
];

function runRow(run, chart) {
  return h(
    'tr',
    { 'data-testid': 'run-row', 'data-chart': run.chart },
    h('td', { 'data-testid': 'chart' }, chartLink(run.chart, chart ? chart.name : run.chart)),
    RUN_COLUMNS.map(([key, , , isPeriod]) =>
      h(
        'td',
        { class: isPeriod ? 'date' : 'num', 'data-testid': key },
        isPeriod && run[key] ? chartLink(run.chart, run[key], { period: key === 'debut' && run.first_period ? run.first_period : run[key] }) : isPeriod ? text(run[key]) : num(run[key]),
      ),
    ),
  );
}

function stat(label, value, testid) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-value', 'data-testid': testid }, value), h('div', { class: 'stat-label' }, label));
}

/**
 * The API's `totals` as plot series. The shape of `history`
 * ([{source, points: [[date, value]]}]) is read, and so are flat rows
 * ([{source, date, value}]).
 */
function totalsSeries(totals) {
  const groups = new Map();
  const add = (label, date, value) => {
    if (!groups.has(label)) groups.set(label, []);
    if (date !== null && date !== undefined && typeof value === 'number') groups.get(label).push([date, value]);
  };
  for (const row of totals) {
    const label = row.source || row.series || row.chart || 'streams';
    if (Array.isArray(row.points)) {
      for (const [date, value] of row.points) add(label, date, value);
    } else {
      add(label, row.date ?? row.period, row.value ?? row.total);
    }
  }
  return [...groups].map(([label, points]) => ({ label, points })).filter((s) => s.points.length);
}

function milestoneMarks(milestones) {
  return milestones
    .map((m) => {
      const date = m.date ?? m.period ?? m.reached;
      const value = m.value ?? m.mark ?? m.milestone ?? m.threshold;
      return { time: periodTime(date), value: typeof value === 'number' ? value : NaN, label: typeof value === 'number' ? compact(value) : text(m.label ?? m.kind) };
    })
    .filter((m) => Number.isFinite(m.time));
}

/** An array of flat objects as a table of all their keys. */
function genericTable(rows, testid) {
  const keys = [...new Set(rows.flatMap((row) => (row && typeof row === 'object' ? Object.keys(row) : [])))];
  const cell = (value) => (value === null || value === undefined ? text(value) : typeof value === 'object' ? JSON.stringify(value) : typeof value === 'number' ? num(value) : String(value));
  return table(
    keys.map((key) => ({ label: key.replace(/_/g, ' ') })),
    rows.map((row) => h('tr', null, keys.map((key) => h('td', { 'data-field': key }, cell(row[key]))))),
    { class: 'data', 'data-testid': testid },
  );
}

export async function songPage(view, ctx) {
  const id = ctx.params[0];
  const [answer, registry] = await Promise.all([api(`/api/songs/${seg(id)}`, null, ctx.signal), api('/api/charts', null, ctx.signal)]);
  const charts = new Map((registry.charts || []).map((c) => [c.id, c]));
  const song = answer.song || {};
  const runs = answer.runs || [];
  const history = answer.history || [];
  const totals = answer.totals || [];
  const milestones = answer.milestones || [];
  ctx.title(`${song.title} – ${song.artist}`);

  const peaks = runs.map((r) => r.peak).filter((p) => typeof p === 'number');
  // A seeded run's debut reads "before D" (D its first stored period): the
  // first debut is the run with the earliest first period, shown as it reads.
  const debuts = runs
    .filter((r) => r.debut)
    .sort((a, b) => String(a.first_period || a.debut).localeCompare(String(b.first_period || b.debut)))
    .map((r) => r.debut);
  view.append(
    h(
      'div',
      { class: 'page-head song-head' },
      h('h1', { 'data-testid': 'song-title' }, text(song.title)),
      h('div', { class: 'credit', 'data-testid': 'song-artist' }, artistLink(song.artist)),
    ),
    h(
      'div',
      { class: 'stats' },
      stat('best peak', peaks.length ? `No. ${Math.min(...peaks)}` : text(null), 'best-peak'),
      stat('periods on charts', num(runs.reduce((sum, r) => sum + (r.periods || 0), 0)), 'total-periods'),
      stat('charts', num(runs.length), 'chart-count'),
      stat('first debut', debuts.length ? debuts[0] : text(null), 'first-debut'),
    ),
    h('h2', null, 'Chart runs'),
    runs.length
      ? table(
          [{ label: 'Chart' }, ...RUN_COLUMNS.map(([, label, hint, isPeriod]) => ({ label, title: hint, class: isPeriod ? 'date' : 'num' }))],
          runs.map((run) => runRow(run, charts.get(run.chart))),
          { class: 'data runs', 'data-testid': 'runs-table' },
        )
      : h('p', { class: 'muted' }, 'This song has no chart run stored.'),
  );

  const plots = h('section', { class: 'plots' }, h('h2', null, 'Rank over time'));
  if (!history.length) plots.append(h('p', { class: 'muted' }, 'No ranks stored.'));
  history.forEach((series, i) => {
    const chart = charts.get(series.chart) || {};
    const run = runs.find((r) => r.chart === series.chart);
    const color = PALETTE[i % PALETTE.length];
    const canvasBox = h('div', { class: 'plot' });
    plots.append(
      h(
        'figure',
        { class: 'figure', 'data-testid': 'rank-plot', 'data-chart': series.chart, 'data-points': series.points.length, 'data-color': color },
        h(
          'figcaption',
          null,
          h('span', { class: 'swatch', style: `background:${color}` }),
          chartLink(series.chart, chart.name || series.chart),
          run ? h('span', { class: 'meta' }, ` peak No. ${text(run.peak)}, ${plural(run.periods, 'period')}`) : null,
        ),
        canvasBox,
      ),
    );
    ctx.mounted.push(() => rankPlot(canvasBox, ctx, { points: series.points, cadence: chart.cadence, size: chart.size, color, label: chart.name || series.chart }));
  });
  view.append(plots);

  const streams = h('section', { class: 'plots' }, h('h2', null, 'Stream totals'));
  const series = totalsSeries(totals);
  if (series.length) {
    const marks = milestoneMarks(milestones);
    const canvasBox = h('div', { class: 'plot' });
    streams.append(
      h(
        'figure',
        { class: 'figure', 'data-testid': 'totals-plot', 'data-series': series.length, 'data-milestones': marks.length, 'data-color': PALETTE[0] },
        h('figcaption', null, 'Cumulative streams', marks.length ? h('span', { class: 'meta' }, `, ${plural(marks.length, 'milestone')} marked`) : null),
        canvasBox,
      ),
    );
    ctx.mounted.push(() => totalsPlot(canvasBox, ctx, { series, milestones: marks }));
  } else {
    streams.append(h('p', { class: 'muted', 'data-testid': 'no-totals' }, 'No stream totals are stored for this song.'));
  }
  view.append(streams);

  for (const [key, heading] of [
    ['milestones', 'Milestones'],
    ['allkills', 'All-Kills'],
    ['regions', 'No. 1 by region'],
  ]) {
    let rows = answer[key] || [];
    // Regions come per chart family: one row per family and region.
    if (key === 'regions')
      rows = rows.flatMap((f) => (f.regions || []).map((r) => ({ family: f.family, ...r })));
    if (rows.length) view.append(h('section', null, h('h2', null, heading), genericTable(rows, key)));
  }
}
