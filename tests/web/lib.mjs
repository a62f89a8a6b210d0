// The harness of the dashboard's browser tests (e2e.mjs, pages.mjs): it
// builds the dashboard from web/ into a temporary directory (so a test sees
// the sources as they are, not a stale web/dist), lets the test file fill a
// database, starts a real `kchart serve` over it, opens headless Chromium
// (playwright-core, Debian's chromium) and offers the helpers the tests share:
// the API as the reference (api, shown), pages (goto, ready, shot, step),
// tables and rank plots as they are drawn (tableCells, readPlot). It holds no
// test itself and no test data.
//
// A test file runs as `node FILE KCHART ARTIFACT_DIR` and calls setup() once
// at the top level. `base`, `page`, `server` and `serverLog` are live
// bindings: they are set by setup's `before` hook.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const web = path.join(root, 'web');
const [kchartArg, artifactArg] = process.argv.slice(2);
if (!kchartArg || !artifactArg) {
  console.error(`usage: node ${path.relative(root, process.argv[1] || 'tests/web/FILE.mjs')} KCHART ARTIFACT_DIR`);
  process.exit(2);
}
export const kchart = path.resolve(kchartArg);
export let artifacts = path.resolve(artifactArg);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

const { chromium } = createRequire(path.join(web, 'package.json'))('playwright-core');

export let tmp;
export let server;
export let serverLog;
export let base;
export let browser;
export let context;
export let page;
export const pageErrors = [];

export function run(cmd, args, opts) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForServer(url, child, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`kchart serve exited with ${child.exitCode}:\n${fs.readFileSync(serverLog, 'utf8')}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`kchart serve did not answer ${url} within ${deadlineMs} ms:\n${fs.readFileSync(serverLog, 'utf8')}`);
}

/** GET an API path from the server under test; the reference for the pages. */
export async function api(pathAndQuery) {
  const res = await fetch(base + pathAndQuery);
  const body = await res.json();
  assert.equal(res.status, 200, `GET ${pathAndQuery}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** How the dashboard prints a figure: null as an en dash, numbers en-US. */
export function shown(value) {
  if (value === null || value === undefined || value === '') return '–';
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
}

export async function goto(urlPath) {
  await page.goto(base + urlPath);
  await ready();
}

export async function ready() {
  await page.waitForSelector('#app[data-state="ready"]');
}

export async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Runs a test body; on failure keeps a screenshot of the page as it was. */
export function step(name, body) {
  test(name, { timeout: 120000 }, async () => {
    try {
      await body();
    } catch (err) {
      const file = `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await shot(file).catch(() => {});
      throw err;
    }
  });
}

/** The text of every [data-testid] cell of each row matched by `rowSelector`. */
export function tableCells(rowSelector) {
  return page.$$eval(rowSelector, (rows) =>
    rows.map((row) => {
      const cells = {};
      for (const cell of row.querySelectorAll('[data-testid]')) cells[cell.dataset.testid] = cell.textContent.trim();
      return { ...row.dataset, cells, moveAttr: row.querySelector('[data-move]')?.dataset.move };
    }),
  );
}

/**
 * Reads a rank plot's canvas: how many pixels have the series colour, and
 * where they are. `leftY` is the mean height of the leftmost coloured column
 * (the debut), `minY`/`maxY` the highest and lowest coloured pixels.
 */
export function readPlot(chart) {
  return page.evaluate((chartId) => {
    const figure = document.querySelector(`[data-testid="rank-plot"][data-chart="${CSS.escape(chartId)}"]`);
    if (!figure) return null;
    const canvas = figure.querySelector('canvas');
    if (!canvas) return { canvas: false };
    const hex = figure.dataset.color;
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const { width, height } = canvas;
    const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let count = 0;
    let other = 0;
    let minY = Infinity;
    let maxY = -Infinity;
    let minX = Infinity;
    const columns = new Map();
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (pixels[i + 3] === 0) continue;
        other++;
        const d = Math.abs(pixels[i] - want[0]) + Math.abs(pixels[i + 1] - want[1]) + Math.abs(pixels[i + 2] - want[2]);
        if (d > 30) continue;
        count++;
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        if (x < minX) minX = x;
        if (!columns.has(x)) columns.set(x, []);
        columns.get(x).push(y);
      }
    }
    const left = [];
    for (let x = minX; x < minX + 3 && columns.size; x++) left.push(...(columns.get(x) || []));
    const leftY = left.length ? left.reduce((a, b) => a + b, 0) / left.length : NaN;
    return { canvas: true, width, height, count, painted: other, minY, maxY, leftY, points: Number(figure.dataset.points) };
  }, chart);
}

/**
 * Registers the suite's `before` and `after` hooks. `before` builds the
 * dashboard, calls `fill({ tmp, db })` to fill the database (with `run` and
 * `kchart`), starts `kchart serve` on a free port and opens a 1280 x 900 page;
 * `after` closes both and removes the temporary directory (kept when
 * KCHART_KEEP_TMP is set). Screenshots go to ARTIFACT_DIR, or to its folder
 * `subdir` (so that two suites can run at once), whose old `*.png` are
 * removed first; so does the server's log, serve.log.
 */
export function setup({ fill, subdir = '' }) {
  artifacts = path.join(artifacts, subdir);
  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    for (const old of fs.readdirSync(artifacts)) if (old.endsWith('.png')) fs.rmSync(path.join(artifacts, old));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kchart-web-'));

    run(process.execPath, [path.join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', path.join(tmp, 'dist'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: web });

    const db = path.join(tmp, 'kchart.db');
    await fill({ tmp, db });

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    serverLog = path.join(artifacts, 'serve.log');
    const log = fs.openSync(serverLog, 'w');
    server = spawn(kchart, ['serve', '--db', db, '--bind', '127.0.0.1', '--port', String(port), '--web', path.join(tmp, 'dist')], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    await waitForServer(`${base}/api/health`, server, 15000);

    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
    if (tmp && !process.env.KCHART_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  });
}

/**
 * The last test of a suite: the server that served every page is still
 * sound, stops on SIGTERM with status 0, and its log holds no sanitizer
 * report (CTest's second pass runs the suites against the ASan + UBSan build).
 */
export function stopsCleanly() {
  step('the server stops cleanly, with no sanitizer report', async () => {
    assert.equal(server.exitCode, null, `kchart serve died during the test:\n${fs.readFileSync(serverLog, 'utf8')}`);
    const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    server.kill('SIGTERM');
    const result = await Promise.race([exited, sleep(15000).then(() => ({ code: null, signal: 'timeout' }))]);
    const log = fs.readFileSync(serverLog, 'utf8');
    assert.deepEqual(result, { code: 0, signal: null }, `kchart serve on SIGTERM:\n${log}`);
    assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|runtime error:/, log);
  });
}
