// The song page's plots, drawn with uPlot on a canvas: a song's rank over
// time on the charts of one cadence, overlaid (rank 1 at the top, a gap
// where the song was off a chart), hourly charts as a heat strip (a column a
// day, a row an hour), and cumulative stream totals with milestones marked.
// Periods are placed in UTC (see periodTime), time ticks fit the span (days,
// months or years, never hours on a plot of weeks), every axis has a title,
// and every plot follows its container's width. Not the legends: the pages
// build those in HTML.
import uPlot from 'uplot';
import { cadenceSeconds, compact, num, periodTime } from './format.js';

/** Series colours, in order; the end-to-end tests look for these pixels. */
export const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700'];

const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

function theme() {
  const style = getComputedStyle(document.documentElement);
  return {
    axis: style.getPropertyValue('--muted').trim() || '#5c6470',
    grid: style.getPropertyValue('--grid').trim() || '#e6e8eb',
    text: style.getPropertyValue('--fg').trim() || '#1d232b',
    font: '12px system-ui, sans-serif',
  };
}

function median(values) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times and values with a null inserted wherever the distance to the last
 * point is over one and a half periods, so that uPlot breaks the line there
 * (a song off the chart has no rank). `rows` is [[period, value], ...].
 */
function withGaps(rows, step) {
  const sorted = rows
    .map(([period, value]) => [periodTime(period), value, period])
    .filter(([t]) => Number.isFinite(t))
    .sort((a, b) => a[0] - b[0]);
  if (!step) step = median(sorted.slice(1).map((row, i) => row[0] - sorted[i][0])) || 86400;
  const xs = [];
  const ys = [];
  const labels = [];
  for (const [t, value, period] of sorted) {
    if (xs.length && t - xs[xs.length - 1] > step * 1.5) {
      xs.push(xs[xs.length - 1] + step);
      ys.push(null);
      labels.push(null);
    }
    xs.push(t);
    ys.push(value);
    labels.push(period);
  }
  return { xs, ys, labels, step, count: sorted.length };
}

function follow(container, plot, ctx) {
  const observer = new ResizeObserver(() => {
    const width = Math.max(240, container.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: plot.height });
  });
  observer.observe(container);
  ctx.cleanups.push(() => {
    observer.disconnect();
    plot.destroy();
  });
}

/** Rank axis: ticks at 1 and at multiples of a round step up to `top`, at
 * most `most` of them. */
function rankSplits(top, most = 5) {
  const incr = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500].find((step) => top / step <= most) || 500;
  const splits = [1];
  for (let v = incr; v <= top; v += incr) if (v !== 1) splits.push(v);
  return splits;
}

function rankTop(maxRank, size) {
  const nice = [5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000].find((v) => v >= maxRank) || maxRank;
  return size && size >= maxRank ? Math.min(nice, size) : nice;
}

/**
 * Draws a song's rank over time on one chart into `container` and returns
 * the uPlot instance (destroyed by ctx's cleanups). `points` is the API's
 * [[period, rank], ...]; `cadence` and `size` come from the chart registry
 * and may be undefined.
 */
export function rankPlot(container, ctx, { points, cadence, size, color, label }) {
  const { xs, ys, step, count } = withGaps(points, cadenceSeconds(cadence));
  const maxRank = Math.max(1, ...ys.filter((v) => v !== null));
  const top = rankTop(maxRank, size);
  const pad = Math.max(0.15, (top - 1) * 0.03);
  const t = theme();
  const axis = { stroke: t.axis, font: t.font, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
  const opts = {
    width: Math.max(240, container.clientWidth),
    height: 240,
    tzDate: utc,
    cursor: { drag: { x: true, y: false }, points: { size: 7 } },
    scales: {
      x: { time: true, range: (u, min, max) => (min === max ? [min - step, max + step] : [min, max]) },
      // dir -1: values grow downward, so rank 1 is at the top. A little room
      // beyond 1 and the bottom so that a line at either end is not cut.
      y: { dir: -1, range: () => [1 - pad, top + pad] },
    },
    legend: { show: false },
    axes: [timeAxis(t, 'Date', step), { ...axis, size: 44, label: 'Rank', labelFont: t.font, labelSize: 18, splits: () => rankSplits(top), values: (u, splits) => splits.map((v) => `${v}`) }],
    series: [
      {},
      {
        label,
        stroke: color,
        width: 2,
        spanGaps: false,
        points: { show: count <= 60, size: 7, fill: color, stroke: color },
        value: (u, v) => (v === null || v === undefined ? '–' : `No. ${v}`),
      },
    ],
  };
  const plot = new uPlot(opts, [xs, ys], container);
  follow(container, plot, ctx);
  return plot;
}

/**
 * Cumulative totals, one line per series ([{label, points: [[date, value]]}]),
 * with milestones ([{time, value, label}]) marked by a dashed line and a dot.
 */
export function totalsPlot(container, ctx, opts0) {
  const { series, milestones } = opts0;
  const times = [...new Set(series.flatMap((s) => s.points.map(([d]) => periodTime(d))).filter(Number.isFinite))].sort((a, b) => a - b);
  const index = new Map(times.map((x, i) => [x, i]));
  const columns = series.map((s) => {
    const ys = new Array(times.length).fill(null);
    for (const [d, value] of s.points) {
      const i = index.get(periodTime(d));
      if (i !== undefined) ys[i] = value;
    }
    return ys;
  });
  const t = theme();
  const axis = { stroke: t.axis, font: t.font, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
  const markColor = '#c92a2a';
  const drawMilestones = (u) => {
    const c = u.ctx;
    c.save();
    c.strokeStyle = markColor;
    c.fillStyle = markColor;
    c.lineWidth = 1;
    c.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    c.textBaseline = 'top';
    for (const m of milestones) {
      const x = u.valToPos(m.time, 'x', true);
      if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      c.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      c.beginPath();
      c.moveTo(x, u.bbox.top);
      c.lineTo(x, u.bbox.top + u.bbox.height);
      c.stroke();
      c.setLineDash([]);
      if (Number.isFinite(m.value)) {
        const y = u.valToPos(m.value, 'y', true);
        c.beginPath();
        c.arc(x, y, 4 * devicePixelRatio, 0, 2 * Math.PI);
        c.fill();
      }
      // Labels near the right edge go to the left of their line.
      const right = x > u.bbox.left + u.bbox.width * 0.85;
      c.textAlign = right ? 'right' : 'left';
      c.fillText(m.label, x + (right ? -4 : 4) * devicePixelRatio, u.bbox.top + 2 * devicePixelRatio);
    }
    c.restore();
  };
  const opts = {
    width: Math.max(240, container.clientWidth),
    height: opts0.height || 220,
    tzDate: utc,
    cursor: { drag: { x: true, y: false } },
    // From 0 unless the lines climb less than a fifth of their height: a
    // few days of a total in the billions would be a flat line.
    scales: { x: { time: true }, y: { range: (u, min, max) => (min > max * 0.8 ? [min - (max - min) * 0.1 - 1, max + (max - min) * 0.1 + 1] : [0, max > 0 ? max * 1.05 : 1]) } },
    legend: { show: false },
    axes: [timeAxis(t, 'Date'), { ...axis, size: 56, label: opts0.yTitle || 'Streams', labelFont: t.font, labelSize: 18, values: (u, splits) => splits.map(compact) }],
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: s.color || PALETTE[i % PALETTE.length],
        width: 2,
        spanGaps: true,
        points: { show: false },
        value: (u, v) => num(v),
      })),
    ],
    hooks: { draw: [drawMilestones] },
  };
  const plot = new uPlot(opts, [times, ...columns], container);
  follow(container, plot, ctx);
  return plot;
}

const DAY = 86400;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Ticks for a time axis from `min` to `max` (Unix seconds, UTC) at most
 * `most` of them, on day, month or year boundaries: [{t, label}]. No tick
 * step is finer than `finest` seconds (a chart's cadence: a yearly chart gets
 * no month ticks).
 */
export function timeTicks(min, max, most, finest = 0) {
  const span = Math.max(1, max - min);
  const steps = [
    ['day', 1],
    ['day', 2],
    ['day', 7],
    ['day', 14],
    ['month', 1],
    ['month', 2],
    ['month', 3],
    ['month', 6],
    ['year', 1],
    ['year', 2],
    ['year', 5],
    ['year', 10],
    ['year', 20],
  ];
  const approx = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };
  const [unit, n] = steps.find(([u, k]) => approx[u] * k >= finest * 0.9 && span / (approx[u] * k) <= most) || steps[steps.length - 1];
  const ticks = [];
  const start = new Date(min * 1000);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  let d = start.getUTCDate();
  if (unit === 'year') {
    y = Math.ceil((y + (m || d > 1 ? 1 : 0)) / n) * n;
    for (let t; (t = Date.UTC(y, 0, 1) / 1000) <= max; y += n) ticks.push({ t, label: String(y) });
  } else if (unit === 'month') {
    let t0 = Date.UTC(y, m, 1) / 1000;
    if (t0 < min) m += 1;
    m = Math.ceil(m / n) * n;
    for (let t; (t = Date.UTC(y, m, 1) / 1000) <= max; m += n) {
      const at = new Date(t * 1000);
      const month = at.getUTCMonth();
      ticks.push({ t, label: month === 0 || !ticks.length ? `${MONTHS[month]} ${at.getUTCFullYear()}` : MONTHS[month] });
    }
  } else {
    let t = Date.UTC(y, m, d) / 1000;
    if (t < min) t += DAY;
    for (; t <= max; t += n * DAY) {
      const at = new Date(t * 1000);
      const first = !ticks.length || at.getUTCDate() <= n;
      ticks.push({ t, label: first ? `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}` : String(at.getUTCDate()) });
    }
    if (ticks.length) ticks[0].label += ` ${new Date(ticks[0].t * 1000).getUTCFullYear()}`;
  }
  return ticks;
}

function timeAxis(t, title, finest = 0) {
  let cache = [];
  return {
    stroke: t.axis,
    font: t.font,
    label: title,
    labelFont: t.font,
    labelSize: 14,
    labelGap: 0,
    size: 30,
    gap: 3,
    grid: { stroke: t.grid, width: 1 },
    ticks: { stroke: t.grid, width: 1 },
    splits: (u, i, min, max) => {
      cache = timeTicks(min, max, Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 80)), finest);
      return cache.map((k) => k.t);
    },
    values: (u, splits) => splits.map((s) => (cache.find((k) => k.t === s) || { label: '' }).label),
  };
}

/**
 * A song's rank over time on the charts of one cadence, overlaid:
 * `series` is [{label, color, points: [[period, rank], ...]}], `step` the
 * cadence's length in seconds, `top` the lowest rank on the axis. A hover
 * readout goes into `readout` (an element; empty until the cursor is on
 * the plot). Returns the uPlot instance (destroyed by ctx's cleanups).
 */
export function cadencePlot(container, ctx, { series, step, top, readout, height = 220 }) {
  // One x for all: each series' own times, and a null just after each of its
  // gaps so that its line breaks there; undefined (spanned) elsewhere.
  const rows = series.map((s) => withGaps(s.points, step));
  const xs = [...new Set(rows.flatMap((r) => r.xs))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const columns = rows.map((r) => {
    const ys = new Array(xs.length).fill(undefined);
    r.xs.forEach((x, i) => {
      ys[at.get(x)] = r.ys[i];
    });
    return ys;
  });
  const labels = new Array(xs.length).fill(null);
  rows.forEach((r) => r.xs.forEach((x, i) => r.labels[i] && (labels[at.get(x)] = r.labels[i])));
  const maxRank = Math.max(1, ...rows.flatMap((r) => r.ys.filter((v) => v !== null)));
  const axisTop = top || rankTop(maxRank);
  const pad = Math.max(0.15, (axisTop - 1) * 0.03);
  const t = theme();
  const few = xs.length <= 60;
  const opts = {
    width: Math.max(240, container.clientWidth),
    height,
    tzDate: utc,
    legend: { show: false },
    cursor: { drag: { x: true, y: false }, points: { size: 7 } },
    scales: {
      x: { time: true, range: (u, min, max) => (min === max ? [min - step, max + step] : [min, max]) },
      y: { dir: -1, range: () => [1 - pad, axisTop + pad] },
    },
    axes: [
      timeAxis(t, 'Date', step),
      { stroke: t.axis, font: t.font, label: 'Rank', labelFont: t.font, labelSize: 18, size: 40, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 }, splits: (u) => rankSplits(axisTop, Math.max(1, Math.floor(u.bbox.height / devicePixelRatio / 28))), values: (u, splits) => splits.map((v) => `${v}`) },
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: false,
        points: { show: few, size: 6, fill: s.color, stroke: s.color },
      })),
    ],
    hooks: {
      setCursor: [
        (u) => {
          if (!readout) return;
          const i = u.cursor.idx;
          if (i === null || i === undefined) {
            readout.textContent = '';
            return;
          }
          const parts = series.map((s, k) => (typeof columns[k][i] === 'number' ? `${s.label} No. ${columns[k][i]}` : null)).filter(Boolean);
          readout.textContent = `${labels[i] || new Date(xs[i] * 1000).toISOString().slice(0, 10)}: ${parts.join(' · ') || 'off the charts'}`;
        },
      ],
    },
  };
  const plot = new uPlot(opts, [xs, ...columns], container);
  follow(container, plot, ctx);
  return plot;
}

/** Heat strip colours, best first: No. 1, 2-10, 11-50, 51 and below. */
export const HEAT = [
  { upto: 1, color: '#0b3d91', label: 'No. 1' },
  { upto: 10, color: '#3f7fd6', label: '2–10' },
  { upto: 50, color: '#93b7ea', label: '11–50' },
  { upto: Infinity, color: '#d3e0f3', label: '51 and below' },
];

export function heatColor(rank) {
  return HEAT.find((b) => rank <= b.upto).color;
}

/**
 * Hourly charts as a heat strip, a band a chart: a column a day, a row an
 * hour (00 at the top), coloured by rank (HEAT), empty where the song was
 * off the chart. `rows` is [{label, points: [["YYYY-MM-DDTHH", rank]]}];
 * all bands share the days from `from` to `to` (YYYY-MM-DD). Draws on a
 * canvas in `container` and redraws at its width; returns the canvas.
 */
export function heatStrip(container, ctx, { rows, from, to, band = 22 }) {
  const t0 = periodTime(from);
  const days = Math.max(1, Math.round((periodTime(to) - t0) / DAY) + 1);
  const gutter = 150;
  const axisH = 22;
  const canvas = document.createElement('canvas');
  container.replaceChildren(canvas);
  const draw = () => {
    const cssW = Math.max(280, container.clientWidth);
    const cssH = rows.length * (band + 6) + axisH;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const c = canvas.getContext('2d');
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    const th = theme();
    const left = Math.min(gutter, cssW * 0.3);
    const w = cssW - left - 4;
    const dayW = w / days;
    c.font = th.font;
    c.textBaseline = 'middle';
    rows.forEach((row, r) => {
      const y0 = r * (band + 6);
      c.fillStyle = th.grid;
      c.fillRect(left, y0, w, band);
      c.fillStyle = th.text;
      c.textAlign = 'right';
      c.fillText(row.label, left - 6, y0 + band / 2, left - 8);
      for (const [period, rank] of row.points) {
        const t = periodTime(period.slice(0, 10));
        const hour = Number(period.slice(11, 13)) || 0;
        const x = left + ((t - t0) / DAY) * dayW;
        c.fillStyle = heatColor(rank);
        c.fillRect(x, y0 + (hour * band) / 24, Math.max(1, dayW), Math.max(1, band / 24));
      }
    });
    const ticks = timeTicks(t0, t0 + days * DAY, Math.max(2, Math.floor(w / 80)));
    const yA = rows.length * (band + 6) + 2;
    c.fillStyle = th.axis;
    c.textAlign = 'center';
    c.textBaseline = 'top';
    for (const k of ticks) {
      const x = left + ((k.t - t0) / DAY) * dayW;
      c.fillRect(x, yA - 2, 1, 4);
      c.fillText(k.label, Math.min(Math.max(x, left + 20), cssW - 30), yA + 3);
    }
  };
  draw();
  const observer = new ResizeObserver(() => draw());
  observer.observe(container);
  ctx.cleanups.push(() => observer.disconnect());
  return canvas;
}
