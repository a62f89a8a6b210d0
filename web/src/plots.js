// The song page's plots, drawn with uPlot on a canvas: a song's rank over
// time on one chart (rank 1 at the top, a gap where the song was off the
// chart), and cumulative stream totals with milestones marked. Periods are
// placed in UTC (see periodTime), and every plot follows its container's
// width.
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

/** Rank axis: ticks at 1 and at multiples of a round step up to `top`. */
function rankSplits(top) {
  const incr = [1, 2, 5, 10, 20, 25, 50, 100].find((step) => top / step <= 6) || 100;
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
  const { xs, ys, labels, step, count } = withGaps(points, cadenceSeconds(cadence));
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
    axes: [axis, { ...axis, size: 44, splits: () => rankSplits(top), values: (u, splits) => splits.map((v) => `${v}`) }],
    series: [
      { label: 'Period', value: (u, v, si, i) => (i === null || i === undefined ? '–' : labels[i] || '–') },
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
export function totalsPlot(container, ctx, { series, milestones }) {
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
    height: 260,
    tzDate: utc,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.05 : 1] } },
    axes: [axis, { ...axis, size: 56, values: (u, splits) => splits.map(compact) }],
    series: [
      { label: 'Date', value: (u, v) => (v === null || v === undefined ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: PALETTE[i % PALETTE.length],
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
