// What the store covers, said on every page: each chart's first and last
// stored period, the periods missing between them, and whether its
// snapshots are partial (a per-song series holds only its songs' ranks) or
// the store begins mid-history (seeded). From /api/charts; nothing here is
// worked out in the browser. Also the unit each cadence counts in (weeks on
// the Hot 100, days on a daily chart, hours on a real-time one).
import { h, table } from './dom.js';
import { api } from './api.js';
import { num, plural } from './format.js';
import { chartLink } from './links.js';

const UNITS = { hourly: ['hour', 'hours'], daily: ['day', 'days'], weekly: ['week', 'weeks'], monthly: ['month', 'months'], yearly: ['year', 'years'] };

/** "2,076 days" for a count of a chart's periods, by its cadence. */
export function periodsIn(n, cadence) {
  const [one, many] = UNITS[cadence] || ['period', 'periods'];
  return plural(n, one, many);
}

/** The unit word of a cadence, plural ("weeks"). */
export function unitOf(cadence) {
  return (UNITS[cadence] || ['period', 'periods'])[1];
}

/** GET /api/charts as a Map id -> chart (with the page's signal). */
export async function chartInfo(signal) {
  const answer = await api('/api/charts', null, signal);
  return new Map((answer.charts || []).map((c) => [c.id, c]));
}

/** How a chart is held: "" when whole, else the reasons it is not. */
export function heldAs(c) {
  const notes = [];
  if (c.partial > 0) notes.push(c.partial >= c.periods_stored ? 'partial: only some songs' : `partial: ${plural(c.partial, 'period')} with only some songs`);
  if (c.seeded > 0) notes.push('begins mid-history');
  if (c.missing > 0) notes.push(`${periodsIn(c.missing, c.cadence)} missing`);
  return notes.join('; ');
}

/**
 * A <details> that says what the store holds of the charts `ids` (all the
 * charts with stored periods when ids is null): first and last period and
 * how each is held. `charts` is chartInfo's map.
 */
export function coverageNote(charts, ids, { label = 'What the store covers' } = {}) {
  const list = (ids ? ids.map((id) => charts.get(id)).filter(Boolean) : [...charts.values()]).filter((c) => c.periods_stored > 0);
  const partial = list.filter((c) => c.partial > 0).length;
  const firsts = list.map((c) => c.first).filter(Boolean).sort();
  const lasts = list.map((c) => c.latest).filter(Boolean).sort();
  const summary = list.length
    ? `${label}: ${plural(list.length, 'chart')}, ${firsts[0].slice(0, 10)} to ${lasts[lasts.length - 1].slice(0, 10)}${partial ? `; ${num(partial)} partial` : ''}`
    : `${label}: no chart is stored for this yet`;
  const rows = list.map((c) =>
    h(
      'tr',
      { 'data-testid': 'coverage-row', 'data-chart': c.id, class: c.partial > 0 ? 'partial' : null },
      h('td', null, chartLink(c.id, c.name || c.id)),
      h('td', { class: 'date', 'data-testid': 'first' }, c.first),
      h('td', { class: 'date', 'data-testid': 'latest' }, c.latest),
      h('td', { 'data-testid': 'held' }, heldAs(c) || 'whole'),
    ),
  );
  return h(
    'details',
    { class: 'coverage', 'data-testid': 'coverage' },
    h('summary', { 'data-testid': 'coverage-summary' }, summary),
    list.length ? table([{ label: 'Chart' }, { label: 'First' }, { label: 'Last' }, { label: 'Held' }], rows, { class: 'data' }) : null,
  );
}
