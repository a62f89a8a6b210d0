// How figures are shown. Unknown values (null in the API) are an en dash.

export const DASH = '–';

export function num(value) {
  if (value === null || value === undefined) return DASH;
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
}

export function text(value) {
  return value === null || value === undefined || value === '' ? DASH : String(value);
}

/** 1234567890 as "1.23B"; for plot axes of stream totals. */
export function compact(value) {
  if (value === null || value === undefined) return DASH;
  const abs = Math.abs(value);
  const units = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const scaled = value / size;
      return `${Number(scaled.toFixed(scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2))}${unit}`;
    }
  }
  return String(value);
}

/**
 * A movement as the API gives it (`move`: new, re-entry, up, down, same;
 * `change`: last - rank) as a short symbol and a label for screen readers.
 */
export function movement(move, change) {
  switch (move) {
    case 'new':
      return { symbol: 'NEW', label: 'new entry', cls: 'move-new' };
    case 're-entry':
      return { symbol: 'RE', label: 're-entry', cls: 'move-re' };
    case 'up':
      return { symbol: `▲${change ?? ''}`, label: `up ${change ?? ''}`.trim(), cls: 'move-up' };
    case 'down':
      return { symbol: `▼${change === null || change === undefined ? '' : -change}`, label: `down ${change === null || change === undefined ? '' : -change}`.trim(), cls: 'move-down' };
    case 'same':
      return { symbol: '=', label: 'no change', cls: 'move-same' };
    default:
      return { symbol: text(move), label: text(move), cls: '' };
  }
}

/**
 * A chart period ("YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DDTHH", in the
 * chart's own terms) as Unix seconds at its start, read as UTC so that the
 * plots place every chart's periods the same way in any browser time zone.
 * Returns NaN for anything else.
 */
export function periodTime(period) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}))?)?)?$/.exec(String(period));
  if (!m) return NaN;
  const [, y, mo = '01', d = '01', hh = '00'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh)) / 1000;
}

const CADENCE_SECONDS = { hourly: 3600, daily: 86400, weekly: 7 * 86400, monthly: 31 * 86400, yearly: 366 * 86400 };

/** The length of one period of a cadence, in seconds (undefined if unknown). */
export function cadenceSeconds(cadence) {
  return CADENCE_SECONDS[cadence];
}

export function plural(n, one, many) {
  return `${num(n)} ${n === 1 ? one : many || `${one}s`}`;
}

/** A period as people write it: an hour (2020-06-26T19) as 2020-06-26 19:00
 * (in the chart's own time zone); days, weeks, months and years as they are. */
export function periodLabel(period) {
  if (period === null || period === undefined || period === '') return text(period);
  return String(period).replace(/(\d{4}-\d{2}-\d{2})T(\d{2})\b/g, '$1 $2:00');
}
