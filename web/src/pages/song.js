// A song page, laid out to be read top down: a headline per provider in its
// own unit (hours at No. 1 on Melon, weeks on the Hot 100, days on a daily
// chart), the debut on the chart the song first appeared on; All-Kills as a
// timeline and Spotify's countries as a world map; then one rank plot per
// cadence with that cadence's charts overlaid, the hourly charts as a heat
// strip, the streams Spotify published on its charts, stream totals with
// milestones, and the runs table with what the store holds of each chart.
// One API call draws it (GET /api/songs/{id}); the hourly charts' ranks,
// thousands of periods each, come a chart at a time after it
// (GET /api/songs/{id}/history?chart=C). It is not the chart page: ranks
// of other songs are not shown here.
import { h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { cadenceSeconds, compact, num, periodLabel, periodTime, plural, text } from '../format.js';
import { artistLink, chartLink, songHref } from '../links.js';
import { HEAT, PALETTE, cadencePlot, heatStrip, totalsPlot } from '../plots.js';
import { countryName, drawWorldMap } from '../map.js';

/** The run fields in table order: API name, header, hint, link to period. */
const RUN_COLUMNS = [
  ['debut', 'Debut', 'First period on the chart ("before D": it had charted before the first stored period, D)', true],
  ['debut_rank', 'Debut rank', 'Rank in the first period'],
  ['peak', 'Peak', 'Best rank'],
  ['peak_period', 'Peak period', 'First period at the peak', true],
  ['at_peak', 'At peak', 'Periods at the peak'],
  ['periods', 'Periods', 'Periods on the chart, across gaps, in the chart’s own unit'],
  ['longest_streak', 'Streak', 'Longest run of consecutive periods'],
  ['no1', 'No. 1s', 'Periods at No. 1'],
  ['reentries', 'Re-entries', 'Returns after a gap'],
  ['last_period', 'Last', 'Latest period on the chart', true],
  ['last_rank', 'Last rank', 'Rank in the latest period'],
];

/** A period of each cadence, singular and plural. */
const UNIT = { hourly: ['hour', 'hours'], daily: ['day', 'days'], weekly: ['week', 'weeks'], monthly: ['month', 'months'], yearly: ['year', 'years'] };
const unit = (cadence, n) => (UNIT[cadence] || ['period', 'periods'])[n === 1 ? 0 : 1];
const count = (n, cadence) => `${num(n)} ${unit(cadence, n)}`;
/** Cadences from the finest; the plots come in this order. */
const CADENCES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
const PROVIDERS = { billboard: 'Billboard', spotify: 'Spotify', melon: 'Melon', genie: 'Genie', bugs: 'Bugs', flo: 'FLO', vibe: 'VIBE', circle: 'Circle', hanteo: 'Hanteo' };
const providerName = (p) => PROVIDERS[p] || (p ? p[0].toUpperCase() + p.slice(1) : 'Other');
/** A Spotify country chart (spotify-kr-weekly): one of a family of many. */
const isCountryChart = (run) => run.provider === 'spotify' && run.region && run.region !== 'global';
/** A chart's name in a legend: Spotify's country charts by country. */
const shortName = (run) => (isCountryChart(run) ? `Spotify ${countryName(run.region)}` : run.chart_name || run.chart);

function stored(run) {
  if (!run.chart_first) return text(null);
  return `${periodLabel(run.chart_first)} – ${periodLabel(run.chart_last)}`;
}

function runRow(run) {
  return h(
    'tr',
    { 'data-testid': 'run-row', 'data-chart': run.chart },
    h('td', { 'data-testid': 'chart' }, chartLink(run.chart, run.chart_name || run.chart), run.partial ? h('span', { class: 'tag', title: 'The store holds only some of this chart’s songs (a per-song archive)' }, 'partial') : null),
    RUN_COLUMNS.map(([key, , , isPeriod]) =>
      h(
        'td',
        { class: isPeriod ? 'date' : 'num', 'data-testid': key },
        isPeriod && run[key] ? chartLink(run.chart, periodLabel(run[key]), { period: key === 'debut' && run.first_period ? run.first_period : run[key] }) : isPeriod ? text(run[key]) : num(run[key]),
      ),
    ),
    h('td', { class: 'date stored', 'data-testid': 'stored' }, stored(run)),
  );
}

function runsTable(runs, testid) {
  return h(
    'div',
    { class: 'table-scroll runs-box' },
    table(
      [{ label: 'Chart' }, ...RUN_COLUMNS.map(([, label, hint, isPeriod]) => ({ label, title: hint, class: isPeriod ? 'date' : 'num' })), { label: 'Stored', title: 'The first and last period the store holds of the chart', class: 'date' }],
      runs.map(runRow),
      { class: 'data runs', 'data-testid': testid },
    ),
  );
}

/**
 * The headline of one provider: its figure in its own unit, from its runs.
 * Hours at No. 1 on a real-time chart when the song had any; else the
 * finest chart's periods; then a line for each other cadence.
 */
function headline(provider, runs) {
  const country = runs.filter(isCountryChart);
  const own = runs.filter((r) => !isCountryChart(r));
  const lines = [];
  let big;
  if (own.length) {
    const byCadence = [...own].sort((a, b) => CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) || b.periods - a.periods);
    // The hourly chart with the most hours at No. 1 (Melon's real-time
    // chart over its 24Hits): the figure fans quote.
    const hourlyNo1 = byCadence.filter((r) => r.cadence === 'hourly' && r.no1 > 0).sort((a, b) => b.no1 - a.no1)[0];
    const lead = hourlyNo1 || byCadence.find((r) => r.cadence !== 'hourly') || byCadence[0];
    big = hourlyNo1
      ? { value: num(lead.no1), unit: `${unit('hourly', lead.no1)} at No. 1`, chart: lead, field: 'no1' }
      : { value: num(lead.periods), unit: `${unit(lead.cadence, lead.periods)} on the chart`, chart: lead, field: 'periods' };
    // One line: the lead chart, and how many more there are.
    const rest = own.length - 1;
    lines.push(
      h(
        'li',
        { 'data-chart': lead.chart },
        h('span', { class: 'hl-chart' }, lead.chart_name || lead.chart),
        big.field === 'no1' ? ` · peak No. 1 · ${count(lead.periods, lead.cadence)}` : ` · peak No. ${text(lead.peak)}${lead.no1 ? ` · ${count(lead.no1, lead.cadence)} at No. 1` : ''}`,
        rest > 0 ? h('span', { class: 'meta' }, ` · ${plural(rest, 'more chart')}`) : null,
      ),
    );
  }
  if (country.length) {
    const no1 = country.filter((r) => r.peak === 1);
    // The longest run in one country, not a sum across countries (weeks in
    // 54 countries added up are no one's weeks).
    const longest = country.reduce((a, r) => ((r.periods || 0) > (a.periods || 0) ? r : a), country[0]);
    const cadence = country[0].cadence;
    if (!big) big = { value: num(country.length), unit: country.length === 1 ? 'country' : 'countries', chart: null, field: 'countries' };
    lines.push(
      h(
        'li',
        { 'data-testid': 'headline-countries', 'data-countries': country.length, 'data-no1': no1.length },
        h('span', { class: 'hl-chart' }, `${cadence === 'daily' ? 'Daily' : 'Weekly'} charts in ${plural(country.length, 'country', 'countries')}`),
        ` · longest ${count(longest.periods || 0, cadence)} (${countryName(longest.region)})`,
        no1.length ? ` · No. 1 in ${plural(no1.length, 'country', 'countries')}` : ` · best No. ${Math.min(...country.map((r) => r.peak))}`,
      ),
    );
  }
  return h(
    'div',
    { class: 'headline', 'data-testid': 'headline', 'data-provider': provider, 'data-chart': big.chart ? big.chart.chart : '', 'data-field': big.field },
    h('div', { class: 'hl-provider' }, providerName(provider)),
    h('div', { class: 'hl-big' }, h('span', { class: 'hl-value', 'data-testid': 'headline-value' }, big.value), ' ', h('span', { class: 'hl-unit' }, big.unit)),
    h('ul', { class: 'hl-lines' }, lines),
  );
}

/** The All-Kills the API found, as a timeline over the song's hours. */
function allKillSection(allkills, runs) {
  const made = allkills.filter((a) => a.hours > 0 && a.first);
  const hourly = runs.filter((r) => r.cadence === 'hourly' && r.no1 > 0).sort((a, b) => b.no1 - a.no1);
  if (!allkills.length && !hourly.length) return null;
  const box = h('section', { class: 'panel allkills', 'data-testid': 'allkills' }, h('h2', null, allkills.length ? 'All-Kills and hours at No. 1' : 'Hours at No. 1'));
  for (const a of allkills) {
    const row = h(
      'div',
      { class: 'ak-row', 'data-testid': 'allkill', 'data-kind': a.kind },
      h(
        'p',
        null,
        h('strong', { 'data-testid': 'ak-hours' }, count(a.hours, 'hourly')),
        ` of All-Kill (${a.kind}), first at `,
        h('span', { 'data-testid': 'ak-first' }, text(a.first)),
        a.hours_from_release !== null && a.hours_from_release !== undefined ? ` (${count(a.hours_from_release, 'hourly')} after release)` : '',
        '; the longest streak ',
        h('strong', { 'data-testid': 'ak-longest' }, count(a.longest, 'hourly')),
        a.longest_from ? ` from ${a.longest_from}` : '',
        '; last at ',
        h('span', { 'data-testid': 'ak-last' }, text(a.last)),
        '.',
      ),
      a.missing ? h('p', { class: 'meta' }, `Hours not counted because a chart is missing from the store: ${a.missing.replace(/(\d+) h\b/g, (m, n) => count(Number(n), 'hourly'))}.`) : null,
    );
    if (a.first && a.last) row.append(h('div', { class: 'ak-timeline', 'data-testid': 'ak-timeline', 'data-first': a.first, 'data-last': a.last }));
    box.append(row);
  }
  if (!made.length && allkills.length) box.append(h('p', { class: 'muted' }, 'No All-Kill hour.'));
  if (hourly.length) {
    const most = hourly[0].no1;
    box.append(
      h(
        'ul',
        { class: 'no1-bars', 'data-testid': 'no1-hours' },
        hourly.map((r) =>
          h(
            'li',
            { 'data-chart': r.chart, 'data-no1': r.no1 },
            h('span', { class: 'bar-label', title: r.chart_name || r.chart }, r.chart_name || r.chart),
            h('span', { class: 'bar', style: `width:${Math.max(1, (r.no1 / most) * 100)}%` }),
            h('span', { class: 'bar-value' }, count(r.no1, 'hourly')),
          ),
        ),
      ),
    );
  }
  return box;
}

/** Draws an All-Kill timeline: from its first to its last hour, the longest streak marked. */
function drawAllKill(el) {
  const first = periodTime(el.dataset.first);
  const last = periodTime(el.dataset.last) + 3600;
  const row = el.closest('.ak-row');
  const span = Math.max(3600, last - first);
  const longest = row.dataset.longestFrom;
  el.replaceChildren(
    h('div', { class: 'ak-bar' }),
    longest ? h('div', { class: 'ak-streak', style: `left:${((periodTime(longest) - first) / span) * 100}%;width:${Math.max(0.8, (Number(row.dataset.longest) * 3600 * 100) / span)}%` }) : null,
    h('div', { class: 'ak-ends' }, h('span', null, el.dataset.first), h('span', null, el.dataset.last)),
  );
}

/** Spotify's countries: No. 1s filled dark, the rest charted light, named. */
function regionsSection(runs, regions) {
  const country = runs.filter(isCountryChart);
  if (!country.length) return null;
  const family = `${country[0].provider}-${country[0].cadence}`;
  const no1 = new Map(((regions.find((f) => f.family === family) || {}).regions || []).map((r) => [r.region, r]));
  const values = {};
  for (const r of country) values[r.region] = no1.has(r.region) ? { no1: no1.get(r.region), run: r } : { run: r };
  const names = [...no1.values()].sort((a, b) => b.periods - a.periods || countryName(a.region).localeCompare(countryName(b.region)));
  const cadence = country[0].cadence;
  const mapBox = h('div', { class: 'map-box' });
  const section = h(
    'section',
    { class: 'panel regions', 'data-testid': 'regions' },
    h('h2', null, `Spotify ${cadence} charts by country`),
    h('div', { class: 'map-wrap' }, mapBox, h('div', { class: 'map-text' }, h(
      'p',
      { class: 'map-key' },
      h('span', { class: 'swatch', style: 'background:#0b3d91' }),
      ' No. 1  ',
      h('span', { class: 'swatch', style: 'background:#93b7ea' }),
      ` charted (${plural(country.length, 'country', 'countries')})`,
    ),
    names.length
      ? h(
          'p',
          { 'data-testid': 'no1-countries' },
          'No. 1 in ',
          names.map((r, i) => [
            i ? (i === names.length - 1 ? ' and ' : ', ') : '',
            h('span', { 'data-testid': 'no1-country', 'data-region': r.region, 'data-periods': r.periods, 'data-first': r.first, title: `first at No. 1 on ${r.first}` }, `${countryName(r.region)} (${count(r.periods, cadence)})`),
          ]),
          '.',
        )
      : h('p', { class: 'muted', 'data-testid': 'no1-countries' }, 'No No. 1 in any country stored.'),
    )),
  );
  return {
    section,
    draw: () =>
      drawWorldMap(mapBox, values, {
        fill: (v) => (v.no1 ? '#0b3d91' : '#93b7ea'),
        title: (cc, name, v) => (v.no1 ? `${name}: No. 1 for ${count(v.no1.periods, cadence)}, first ${v.no1.first}` : `${name}: peak No. ${v.run.peak}, ${count(v.run.periods, cadence)}`),
        label: 'Spotify countries where the song charted',
      }),
  };
}

/** A legend of a plot's series, with each chart's peak. */
function legend(series) {
  return h(
    'ul',
    { class: 'legend' },
    series.map((s) => h('li', { 'data-chart': s.chart }, h('span', { class: 'swatch', style: `background:${s.color}` }), chartLink(s.chart, s.label), h('span', { class: 'meta' }, ` peak ${text(s.run && s.run.peak)}`))),
  );
}

/** The overlaid plot of one cadence's charts (the first `most`, by peak). */
function cadenceFigure(ctx, cadence, history, runs, height, most = 6) {
  const byChart = new Map(runs.map((r) => [r.chart, r]));
  let series = history
    .filter((s) => byChart.get(s.chart) && byChart.get(s.chart).cadence === cadence)
    .map((s) => ({ chart: s.chart, run: byChart.get(s.chart), label: shortName(byChart.get(s.chart)), points: s.points.map(([p, r]) => [p, r]) }))
    .sort((a, b) => a.run.peak - b.run.peak || b.run.periods - a.run.periods);
  if (!series.length) return null;
  const rest = series.length - most;
  series = series.slice(0, most).map((s, i) => ({ ...s, color: PALETTE[i % PALETTE.length] }));
  const box = h('div', { class: 'plot' });
  const readout = h('div', { class: 'readout meta', 'aria-live': 'polite' });
  const top = Math.max(...series.map((s) => Math.max(...s.points.map(([, r]) => r))));
  const figure = h(
    'figure',
    { class: 'figure', 'data-testid': 'cadence-plot', 'data-cadence': cadence, 'data-charts': series.map((s) => s.chart).join(' '), 'data-colors': series.map((s) => s.color).join(' '), 'data-points': series.reduce((n, s) => n + s.points.length, 0) },
    h('figcaption', { class: 'with-legend' }, h('strong', null, `${cadence[0].toUpperCase()}${cadence.slice(1)} charts`), legend(series), rest > 0 ? h('span', { class: 'meta' }, `${plural(rest, 'more chart')} in the table`) : null),
    box,
    readout,
  );
  ctx.mounted.push(() => cadencePlot(box, ctx, { series, step: cadenceSeconds(cadence), top: top <= 10 ? 10 : undefined, readout, height }));
  return figure;
}

/** The hourly charts' heat strip; the ranks load a chart at a time. */
function hourlyFigure(ctx, songId, runs) {
  const hourly = runs.filter((r) => r.cadence === 'hourly').sort((a, b) => a.peak - b.peak || b.periods - a.periods);
  if (!hourly.length) return null;
  const box = h('div', { class: 'plot heat' }, h('p', { class: 'muted' }, 'Loading the hourly charts…'));
  const figure = h(
    'figure',
    { class: 'figure', 'data-testid': 'heat-strip', 'data-charts': hourly.map((r) => r.chart).join(' '), 'data-state': 'loading' },
    h(
      'figcaption',
      { class: 'with-legend' },
      h('strong', null, 'Hourly charts'),
      h('span', { class: 'meta' }, 'a column a day, a row an hour (00 at the top)'),
      h('ul', { class: 'legend' }, HEAT.map((b) => h('li', null, h('span', { class: 'swatch', style: `background:${b.color}` }), b.label)), h('li', { class: 'meta' }, 'blank: off the chart')),
    ),
    box,
  );
  ctx.mounted.push(async () => {
    try {
      const answers = await Promise.all(hourly.map((r) => api(`/api/songs/${seg(songId)}/history`, { chart: r.chart }, ctx.signal)));
      const rows = hourly.map((r, i) => ({ label: r.chart_name || r.chart, points: answers[i].points }));
      const days = rows.flatMap((r) => r.points.map(([p]) => p.slice(0, 10))).sort();
      if (!days.length) {
        box.replaceChildren(h('p', { class: 'muted' }, 'No hourly ranks stored.'));
      } else {
        heatStrip(box, ctx, { rows, from: days[0], to: days[days.length - 1] });
      }
      figure.dataset.points = rows.reduce((n, r) => n + r.points.length, 0);
      figure.dataset.state = 'ready';
    } catch (err) {
      if (err.name === 'AbortError') return;
      box.replaceChildren(h('p', { class: 'error' }, err.message));
      figure.dataset.state = 'error';
    }
  });
  return figure;
}

/**
 * The streams Spotify published on its charts, as kworb shows them: a row
 * per chart with the song's streams there, in all while charting and its
 * best period, the latest first; a plot of the running total while
 * charting for the charts with the most.
 */
function spotifyStreams(ctx, history, runs) {
  const byChart = new Map(runs.map((r) => [r.chart, r]));
  const rows = history
    .filter((s) => byChart.get(s.chart) && byChart.get(s.chart).provider === 'spotify' && s.points.some((p) => typeof p[2] === 'number'))
    .map((s) => {
      const run = byChart.get(s.chart);
      const pts = s.points.filter((p) => typeof p[2] === 'number');
      const total = pts.reduce((n, p) => n + p[2], 0);
      const best = pts.reduce((b, p) => (p[2] > b[2] ? p : b), pts[0]);
      let running = 0;
      return { run, total, best, periods: pts.length, cumulative: pts.map(([p, , v]) => [p, (running += v)]) };
    })
    .sort((a, b) => b.total - a.total);
  if (!rows.length) return null;
  const cadence = rows[0].run.cadence;
  const top = rows.slice(0, 5).map((r, i) => ({ label: r.run.region ? countryName(r.run.region) : r.run.chart_name, color: PALETTE[i % PALETTE.length], points: r.cumulative }));
  const box = h('div', { class: 'plot' });
  ctx.mounted.push(() => totalsPlot(box, ctx, { series: top, milestones: [], yTitle: 'Streams while charting', height: 150 }));
  const all = rows.reduce((n, r) => n + r.total, 0);
  return h(
    'section',
    { class: 'panel', 'data-testid': 'spotify-streams' },
    h('h2', null, 'Streams on Spotify’s charts'),
    h('p', { class: 'meta' }, `The streams Spotify published for the song on its ${cadence} charts, added up while it charted: `, h('strong', { 'data-testid': 'spotify-streams-total' }, num(all)), ` on ${plural(rows.length, 'chart')}.`),
    h(
      'div',
      { class: 'plot-pair' },
    h(
      'figure',
      { class: 'figure', 'data-testid': 'streams-plot', 'data-series': top.length },
      h('figcaption', null, 'Running total while charting'),
      h('ul', { class: 'legend' }, top.map((s) => h('li', null, h('span', { class: 'swatch', style: `background:${s.color}` }), s.label))),
      box,
    ),
    h(
      'div',
      { class: 'table-scroll short' },
      table(
        [{ label: 'Chart' }, { label: unit(cadence, 2)[0].toUpperCase() + unit(cadence, 2).slice(1), class: 'num' }, { label: 'Peak', class: 'num' }, { label: 'Streams', class: 'num', title: 'Streams while charting' }, { label: `Best ${unit(cadence, 1)}`, class: 'num' }],
        rows.map((r) =>
          h(
            'tr',
            { 'data-testid': 'stream-row', 'data-chart': r.run.chart },
            h('td', null, chartLink(r.run.chart, r.run.region ? countryName(r.run.region) : r.run.chart_name)),
            h('td', { class: 'num', 'data-testid': 'stream-periods' }, num(r.periods)),
            h('td', { class: 'num' }, num(r.run.peak)),
            h('td', { class: 'num', 'data-testid': 'stream-total' }, num(r.total)),
            h('td', { class: 'num' }, num(r.best[2]), h('span', { class: 'meta' }, ` ${r.best[0]}`)),
          ),
        ),
        { class: 'data' },
      ),
    ),
    ),
  );
}

/** The API's `totals` as plot series ([{source, points: [[date, value]]}]). */
function totalsSeries(totals) {
  return totals.map((t, i) => ({ label: t.source, color: PALETTE[i % PALETTE.length], points: (t.points || []).filter(([d, v]) => d && typeof v === 'number') })).filter((s) => s.points.length);
}

/**
 * Stream totals with milestones: a crossing seen in the data is marked on
 * the plot; the marks the song had passed before the first stored day are
 * listed once, not stacked on that day.
 */
function totalsSection(ctx, totals, milestones) {
  const series = totalsSeries(totals);
  if (!series.length) return h('p', { class: 'muted', 'data-testid': 'no-totals' }, 'No stream totals (kworb-style daily totals) are stored for this song.');
  const section = h('section', { class: 'panel plots' }, h('h2', null, 'Stream totals'));
  const firstDay = series.map((s) => s.points[0][0]).sort()[0];
  const before = milestones.filter((m) => !m.from && m.date <= firstDay);
  const seen = milestones.filter((m) => !before.includes(m));
  const marks = seen.map((m) => ({ time: periodTime(m.date), value: m.mark, label: compact(m.mark) })).filter((m) => Number.isFinite(m.time));
  const box = h('div', { class: 'plot' });
  section.append(
    h(
      'figure',
      { class: 'figure', 'data-testid': 'totals-plot', 'data-series': series.length, 'data-milestones': marks.length, 'data-before': before.length, 'data-color': PALETTE[0] },
      h('figcaption', null, 'Cumulative streams', marks.length ? h('span', { class: 'meta' }, `, ${plural(marks.length, 'milestone')} crossed in the data marked`) : null),
      series.length > 1 ? h('ul', { class: 'legend' }, series.map((s) => h('li', null, h('span', { class: 'swatch', style: `background:${s.color}` }), s.label))) : null,
      box,
    ),
  );
  if (before.length) {
    const top = before.reduce((a, b) => (b.mark > a.mark ? b : a));
    section.append(h('p', { class: 'meta', 'data-testid': 'milestones-before' }, `Already past ${compact(top.mark)} when the data begins (${firstDay}): ${before.length === 1 ? 'that mark was' : `those ${num(before.length)} marks, ${compact(Math.min(...before.map((m) => m.mark)))} to ${compact(top.mark)}, were`} crossed before it.`));
  }
  if (seen.length)
    section.append(h('ul', { class: 'milestones', 'data-testid': 'milestones' }, seen.map((m) => h('li', { 'data-mark': m.mark }, `${compact(m.mark)} on ${m.date}${m.days ? `, ${count(m.days, 'daily')} after release` : ''}`))));
  ctx.mounted.push(() => totalsPlot(box, ctx, { series, milestones: marks }));
  return section;
}

export async function songPage(view, ctx) {
  const id = ctx.params[0];
  const answer = await api(`/api/songs/${seg(id)}`, null, ctx.signal);
  const song = answer.song || {};
  // An id merged away answers 301 to the song it went into, which fetch
  // follows: the address then names the song shown (ids never move:
  // docs/entities.md).
  if (song.id !== undefined && String(song.id) !== String(id)) window.history.replaceState(null, '', songHref(song.id));
  const runs = answer.runs || [];
  const history = answer.history || [];
  ctx.title(`${song.title} – ${song.artist}`);

  const peaks = runs.map((r) => r.peak).filter((p) => typeof p === 'number');
  // The chart the song first appeared on: the API lists the runs by when
  // each debut period came out, a year-end chart last (the store's
  // run_debut, which the artist page and `kchart song` take it from too).
  const first = runs.length ? runs[0] : null;
  const providers = [...new Set(runs.map((r) => r.provider))].sort((a, b) => {
    // The providers with a No. 1 first, then by their best peak.
    const best = (p) => Math.min(...runs.filter((r) => r.provider === p).map((r) => r.peak));
    return best(a) - best(b) || runs.filter((r) => r.provider === b).length - runs.filter((r) => r.provider === a).length;
  });
  const partial = runs.filter((r) => r.partial).length;
  view.append(
    h(
      'div',
      { class: 'page-head song-head' },
      h('h1', { 'data-testid': 'song-title' }, text(song.title)),
      h('div', { class: 'credit', 'data-testid': 'song-artist' }, artistLink(song.artist)),
    ),
    h(
      'p',
      { class: 'song-summary' },
      runs.length
        ? [
            'On ',
            h('strong', { 'data-testid': 'chart-count' }, plural(runs.length, 'chart')),
            ', best peak ',
            h('strong', { 'data-testid': 'best-peak' }, `No. ${Math.min(...peaks)}`),
            '. Debuted ',
            h('strong', { 'data-testid': 'first-debut', 'data-chart': first.chart }, periodLabel(first.debut)),
            ` on ${first.chart_name || first.chart}`,
            first.debut_rank ? ` at No. ${first.debut_rank}` : '',
            '.',
            partial ? h('span', { class: 'meta' }, ` ${plural(partial, 'chart')} marked partial: the store holds this song's ranks there, not the whole chart.`) : null,
          ]
        : h('span', { class: 'muted' }, 'This song has no chart run stored.'),
    ),
    runs.length ? h('div', { class: 'headlines', 'data-testid': 'headlines' }, providers.map((p) => headline(p, runs.filter((r) => r.provider === p)))) : null,
  );

  const regions = regionsSection(runs, answer.regions || []);
  const allkills = allKillSection(answer.allkills || [], runs);
  if (regions || allkills) view.append(h('div', { class: 'song-top' }, allkills, regions ? regions.section : null));
  if (regions) ctx.mounted.push(regions.draw);
  if (allkills)
    ctx.mounted.push(() => {
      for (const a of answer.allkills || []) {
        const row = allkills.querySelector(`[data-kind="${CSS.escape(a.kind)}"]`);
        if (!row) continue;
        row.dataset.longest = a.longest || 0;
        if (a.longest_from) row.dataset.longestFrom = a.longest_from;
        const line = row.querySelector('[data-testid="ak-timeline"]');
        if (line) drawAllKill(line);
      }
    });

  // Daily and weekly side by side, then monthly and yearly, lower.
  const plots = h('section', { class: 'plots' }, h('h2', { class: 'visually-hidden' }, 'Rank over time'));
  const heat = hourlyFigure(ctx, song.id ?? id, runs);
  const pairs = [
    ['daily', 'weekly', 150],
    ['monthly', 'yearly', 120],
  ].map(([a, b, height]) => [cadenceFigure(ctx, a, history, runs, height), cadenceFigure(ctx, b, history, runs, height)].filter(Boolean));
  if (heat) plots.append(heat);
  for (const pair of pairs) if (pair.length) plots.append(h('div', { class: 'plot-pair' }, pair));
  if (!heat && !pairs.some((p) => p.length)) plots.append(h('p', { class: 'muted' }, 'No ranks stored.'));
  view.append(plots);

  const streams = spotifyStreams(ctx, history, runs);
  if (streams) view.append(streams);
  view.append(totalsSection(ctx, answer.totals || [], answer.milestones || []));

  // The runs: every chart but Spotify's country charts, which fold into
  // their own table (fifty rows of countries would bury the rest).
  const own = runs.filter((r) => !isCountryChart(r));
  const country = runs.filter(isCountryChart);
  view.append(
    h(
      'section',
      { class: 'panel' },
      h('h2', null, 'Chart runs'),
      h('p', { class: 'meta' }, 'Periods are counted in each chart’s own unit (hours, days, weeks...). Stored: the first and last period the store holds of the chart.'),
      own.length ? runsTable(own, 'runs-table') : null,
      country.length
        ? h(
            'details',
            { class: 'country-runs', 'data-testid': 'country-runs' },
            h('summary', null, `Spotify’s country charts: ${plural(country.length, 'chart')}`),
            runsTable(
              [...country].sort((a, b) => a.peak - b.peak || b.periods - a.periods),
              'country-runs-table',
            ),
          )
        : null,
    ),
  );
}
