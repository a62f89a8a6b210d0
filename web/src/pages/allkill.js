// The All-Kills page (docs/korea.md): a song at No. 1 on every chart of a
// kind at the same hour. The leaderboard of each year (or of all years), a
// song's hour-by-hour strip (a row a day, a cell an hour: No. 1 on every
// real-time chart of the kind, on some, or on none), and the state of the
// charts at an hour. The hours counted are the API's; the strip is drawn
// from the song's ranks on the kind's real-time charts (/api/songs/{id}).
import { append, h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { num, text, periodTime } from '../format.js';
import { artistLink, songLink } from '../links.js';
import { chartInfo, coverageNote } from '../coverage.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_DAYS = 62;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const hourKey = (t) => new Date(t * 1000).toISOString().slice(0, 13);

function qs(params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  return q.toString() ? `/allkill?${q}` : '/allkill';
}

function boardRow(r, filter, oneKind) {
  return h(
    'tr',
    { 'data-testid': 'allkill-row', 'data-song-id': r.song_id, 'data-kind': r.kind, class: String(r.song_id) === filter.song ? 'selected' : null },
    h('td', { class: 'num', 'data-testid': 'pos' }, num(r.pos)),
    h('td', { 'data-testid': 'title' }, h('a', { href: qs({ ...filter, song: r.song_id, kind: r.kind, at: null }) }, r.title)),
    h('td', { 'data-testid': 'artist' }, artistLink(r.artist)),
    oneKind ? null : h('td', { 'data-testid': 'kind' }, r.kind),
    h('td', { class: 'num', 'data-testid': 'hours' }, num(r.hours)),
    h('td', { class: 'date', 'data-testid': 'first' }, text(r.first)),
    h('td', { class: 'num', 'data-testid': 'longest' }, num(r.longest)),
    h('td', { class: 'date', 'data-testid': 'last' }, text(r.last)),
    h('td', { 'data-testid': 'missing' }, text(r.missing)),
  );
}

/**
 * The strip of a song's All-Kill: a row per day from its first hour to its
 * last (at most MAX_DAYS), a cell per hour, filled when the song is No. 1 on
 * every hourly chart of `charts`, half-filled on some. Returns the figure.
 */
function strip(song, row, charts, names) {
  const hourly = charts.filter((c) => /T\d\d$/.test(c.period || row.first));
  const ranks = new Map();
  for (const series of song.history || []) {
    if (!hourly.some((c) => c.chart === series.chart)) continue;
    for (const [period, rank] of series.points) {
      if (rank !== 1) continue;
      ranks.set(period, (ranks.get(period) || 0) + 1);
    }
  }
  const start = periodTime(row.first.slice(0, 10));
  const end = periodTime(row.last);
  const days = Math.min(MAX_DAYS, Math.floor((end - start) / 86400) + 1);
  const cell = 14;
  const left = 86;
  const top = 18;
  const width = left + 24 * cell + 4;
  const height = top + days * cell + 4;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'ak-strip', role: 'img', 'aria-label': `${row.title}: hours at No. 1, a row a day` });
  for (let hr = 0; hr < 24; hr += 3) root.append(svg('text', { x: left + hr * cell + 1, y: 12, class: 'tick' }, String(hr).padStart(2, '0')));
  let all = 0;
  let some = 0;
  for (let d = 0; d < days; d++) {
    const day = start + d * 86400;
    root.append(svg('text', { x: 0, y: top + d * cell + 11, class: 'tick' }, hourKey(day).slice(0, 10)));
    for (let hr = 0; hr < 24; hr++) {
      const key = hourKey(day + hr * 3600);
      const n = ranks.get(key) || 0;
      const state = n >= hourly.length && hourly.length ? 'all' : n ? 'some' : 'none';
      if (state === 'all') all++;
      if (state === 'some') some++;
      root.append(
        svg('rect', { x: left + hr * cell, y: top + d * cell, width: cell - 2, height: cell - 2, rx: 2, class: `ak-${state}`, 'data-hour': key }, svg('title', null, `${key}: No. 1 on ${n} of ${hourly.length}`)),
      );
    }
  }
  return h(
    'figure',
    { class: 'figure', 'data-testid': 'allkill-strip', 'data-song-id': row.song_id, 'data-kind': row.kind, 'data-all': all, 'data-some': some },
    root,
    h(
      'figcaption',
      null,
      h('span', { class: 'swatch ak-all' }),
      ` No. 1 on all ${hourly.length} real-time charts (${hourly.map((c) => names(c.chart)).join(', ')}) `,
      h('span', { class: 'swatch ak-some' }),
      ' on some; hours in the charts’ local time',
      days < Math.floor((end - start) / 86400) + 1 ? `; the first ${days} days` : '',
    ),
  );
}

function atTable(answer, names) {
  const rows = (answer.charts || []).map((c) =>
    h(
      'tr',
      { 'data-testid': 'at-row', 'data-chart': c.chart, 'data-kind': c.kind },
      h('td', { 'data-testid': 'kind' }, c.kind),
      h('td', { 'data-testid': 'verdict' }, c.verdict),
      h('td', { 'data-testid': 'chart' }, names(c.chart)),
      h('td', { class: 'date', 'data-testid': 'period' }, text(c.period)),
      h('td', { 'data-testid': 'state' }, c.state),
      h('td', { 'data-testid': 'title' }, c.song_id ? songLink(c.song_id, c.title) : text(c.title)),
      h('td', { 'data-testid': 'artist' }, c.artist ? artistLink(c.artist) : text(c.artist)),
    ),
  );
  return table([{ label: 'Kind' }, { label: 'Verdict' }, { label: 'Chart' }, { label: 'Period' }, { label: 'State' }, { label: 'No. 1' }, { label: 'Artist' }], rows, { class: 'data', 'data-testid': 'allkill-at' });
}

export async function allkillPage(view, ctx) {
  ctx.title('All-Kills');
  const filter = { year: ctx.query.get('year') || null, kind: ctx.query.get('kind') || null, song: ctx.query.get('song') || null, at: ctx.query.get('at') || null };
  const [charts, all, board] = await Promise.all([
    chartInfo(ctx.signal),
    api('/api/allkill', { limit: 100 }, ctx.signal),
    filter.year ? api('/api/allkill', { year: filter.year, limit: 100 }, ctx.signal) : null,
  ]);
  const rows = (board || all).songs || [];
  const names = (id) => (charts.get(id) && charts.get(id).name) || id;
  const years = new Set();
  for (const r of all.songs || []) for (let y = Number(String(r.first).slice(0, 4)); y <= Number(String(r.last).slice(0, 4)); y++) years.add(y);

  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Year' },
    h('a', { class: 'tab', href: qs({ ...filter, year: null }), 'aria-selected': String(!filter.year), 'data-testid': 'year-all' }, 'All years'),
    [...years].sort().map((y) => h('a', { class: 'tab', href: qs({ ...filter, year: y }), 'aria-selected': String(filter.year === String(y)), 'data-testid': `year-${y}` }, String(y))),
  );
  const kinds = [...new Set((all.songs || []).map((r) => r.kind))];
  const headers = [{ label: '#', class: 'num' }, { label: 'Title' }, { label: 'Artist' }, kinds.length === 1 ? null : { label: 'Kind' }, { label: 'Hours', class: 'num' }, { label: 'First hour' }, { label: 'Longest run', class: 'num', title: 'Consecutive hours' }, { label: 'Last hour' }, { label: 'Hours lost to a missing chart' }].filter(Boolean);

  // The song of the strip: the one asked for, else the leaderboard's first.
  const pick = filter.song ? (all.songs || []).find((r) => String(r.song_id) === filter.song && (!filter.kind || r.kind === filter.kind)) : rows[0];
  let songBlock = null;
  let at = filter.at;
  if (pick) {
    const [song, state] = await Promise.all([api(`/api/songs/${seg(pick.song_id)}`, null, ctx.signal), api(`/api/allkill/at/${seg(pick.first)}`, { kind: pick.kind }, ctx.signal)]);
    // The song's hourly charts are not in its page's history (they hold
    // thousands of hours): each comes from its own history route.
    const hourly = (state.charts || []).filter((c) => /T\d\d$/.test(c.period || pick.first)).map((c) => c.chart);
    const series = await Promise.all(hourly.map((chart) => api(`/api/songs/${seg(pick.song_id)}/history`, { chart }, ctx.signal)));
    song.history = [...(song.history || []).filter((s) => !hourly.includes(s.chart)), ...series];
    at = at || pick.first;
    songBlock = h(
      'section',
      { class: 'panel', 'data-testid': 'allkill-song' },
      h('h2', null, songLink(pick.song_id, pick.title), ' ', h('span', { class: 'meta' }, pick.artist), ': ', h('span', { 'data-testid': 'strip-hours' }, `${num(pick.hours)} hours`), ` (${pick.kind})`),
      strip(song, pick, state.charts || [], names),
    );
  } else if (filter.song) {
    songBlock = h('p', { class: 'muted', 'data-testid': 'no-allkill' }, 'This song made no All-Kill in the store.');
  }
  let atBlock = null;
  if (at) {
    const state = await api(`/api/allkill/at/${seg(at)}`, filter.kind ? { kind: filter.kind } : null, ctx.signal);
    atBlock = atTable(state, names);
  }
  const hourInput = h('input', { type: 'text', name: 'at', value: at || '', placeholder: 'YYYY-MM-DDTHH', pattern: '\\d{4}-\\d\\d-\\d\\dT\\d\\d', 'aria-label': 'Hour', 'data-testid': 'at-input', inputmode: 'numeric' });
  const atForm = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        ctx.navigate(qs({ ...filter, at: hourInput.value.trim() }));
      },
    },
    h('label', null, 'The charts at ', hourInput),
    h('button', { type: 'submit' }, 'Show'),
  );
  append(view, [
    h('div', { class: 'page-head' }, h('h1', null, 'All-Kills'), h('span', { class: 'meta', 'data-testid': 'allkill-kinds' }, `No. 1 on every chart of a kind at the same hour${kinds.length ? ` (${kinds.length === 1 ? 'kind' : 'kinds'}: ${kinds.join(', ')})` : ''}`)),
    tabs,
    rows.length
      ? h('div', { class: 'scroll' }, table(headers, rows.map((r) => boardRow(r, filter, kinds.length === 1)), { class: 'data', 'data-testid': 'allkill-board' }))
      : h('p', { class: 'muted', 'data-testid': 'no-allkills' }, filter.year ? `No All-Kill in ${filter.year}.` : 'No All-Kill in the store: it needs the real-time charts of a kind at the same hours.'),
    songBlock,
    h('section', { class: 'panel' }, h('h2', null, 'The state at an hour'), atForm, atBlock),
    coverageNote(charts, [...new Set(charts.size ? [...charts.values()].filter((c) => c.region === 'kr' && c.cadence === 'hourly').map((c) => c.id) : [])], { label: 'What the store covers of the Korean real-time charts' }),
  ]);
}
