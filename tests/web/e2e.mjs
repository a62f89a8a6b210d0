// End-to-end tests of the dashboard: a real `kchart serve` over a database
// of real charts (three years of the Billboard Hot 100 from data/ and a small
// Spotify Korea fixture with Hangul titles and credits), driven in headless
// Chromium by playwright-core. Every figure the pages show is compared with
// what the API answers for the same thing, and the rank plots are checked on
// the canvas's pixels: the line is there, and rank 1 is at the top.
//
// Usage: node tests/web/e2e.mjs KCHART ARTIFACT_DIR
// (tests/web/run.sh checks what this needs and skips when it is missing).
// The harness (the build, the server, the browser, the helpers) is lib.mjs.
// Screenshots go to ARTIFACT_DIR; so do the server's log and, on a failure,
// a screenshot of the page as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, base, goto, here, kchart, page, ready, root, run, setup, shot, shown, step, stopsCleanly, tableCells, pageErrors, tmp } from './lib.mjs';

// Three years of the Hot 100: "Lose Control" (Teddy Swims) debuts in 2023
// and reaches No. 1 in 2024; the Korean fixture credits it too.
const HOT100_YEARS = ['2023', '2024', '2025'];
const KR_FIXTURE = path.join(here, 'fixtures', 'spotify-kr-weekly.csv');
// Names in any script: the Hot 100 week of "DDU-DU DDU-DU" (2018-06-30) and
// two of its Melon daily rows as "뚜두뚜두 (DDU-DU DDU-DU)" (the korea-blackpink
// archive's), one song; the bundled catalog gives BLACKPINK its alias 블랙핑크.
const HOT100_WEEKS = ['2018-06-30'];
const MELON_FIXTURE = path.join(here, 'fixtures', 'melon-blackpink.csv');

/**
 * Reads a canvas inside `selector`: how many pixels are painted at all, and
 * how many have each of `colors` (#rrggbb, within a small distance).
 */
function readCanvas(selector, colors) {
  return page.evaluate(
    ([sel, hexes]) => {
      const canvas = document.querySelector(`${sel} canvas`);
      if (!canvas) return null;
      const want = hexes.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
      const { width, height } = canvas;
      const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      const counts = want.map(() => 0);
      let painted = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;
        painted++;
        want.forEach((w, k) => {
          if (Math.abs(pixels[i] - w[0]) + Math.abs(pixels[i + 1] - w[1]) + Math.abs(pixels[i + 2] - w[2]) <= 30) counts[k]++;
        });
      }
      return { painted, counts };
    },
    [selector, colors],
  );
}

const CADENCE_SECONDS = { hourly: 3600, daily: 86400, weekly: 7 * 86400, monthly: 31 * 86400, yearly: 366 * 86400 };
function periodSeconds(period) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}))?)?)?$/.exec(String(period));
  const [, y, mo = '01', d = '01', hh = '00'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh)) / 1000;
}
const isCountryChart = (run) => run.provider === 'spotify' && run.region && run.region !== 'global';
const UNITS = { hourly: ['hour', 'hours'], daily: ['day', 'days'], weekly: ['week', 'weeks'], monthly: ['month', 'months'], yearly: ['year', 'years'] };
const count = (n, cadence) => `${shown(n)} ${UNITS[cadence][n === 1 ? 0 : 1]}`;

/** No sideways scroll, and the page's height, at a viewport size. */
async function pageSize(width, height) {
  const old = page.viewportSize();
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(300);
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  await page.setViewportSize(old);
  await page.waitForTimeout(200);
  return size;
}

/**
 * Checks a song page against GET /api/songs/{id} (and the hourly charts'
 * /history): every figure shown, the plots and the heat strip drawn on
 * their canvases, the map's countries; returns the API answer.
 */
async function checkSongPage(id, label) {
  const song = await api(`/api/songs/${id}`);
  assert.ok(song.runs.length >= 1, `song ${id} has no runs in the API: the test data is wrong`);
  const runOf = new Map(song.runs.map((r) => [r.chart, r]));

  assert.equal(await page.textContent('[data-testid="song-title"]'), song.song.title);
  assert.equal((await page.textContent('[data-testid="song-artist"]')).trim(), song.song.artist);

  // The runs, Spotify's country charts in their own table.
  const rows = await tableCells('[data-testid="run-row"]');
  assert.deepEqual(rows.map((r) => r.chart).sort(), song.runs.map((r) => r.chart).sort(), `${label}: one run row per chart of the API`);
  // Periods as people write them: an hour 2020-06-26T19 as 2020-06-26 19:00.
  const periodFields = ['debut', 'peak_period', 'last_period'];
  const hourShown = (v) => shown(v).replace(/(\d{4}-\d{2}-\d{2})T(\d{2})\b/g, '$1 $2:00');
  const fields = ['debut', 'debut_rank', 'peak', 'peak_period', 'at_peak', 'periods', 'longest_streak', 'no1', 'reentries', 'last_period', 'last_rank'];
  for (const run of song.runs) {
    const row = rows.find((r) => r.chart === run.chart);
    for (const field of fields) assert.equal(row.cells[field], periodFields.includes(field) ? hourShown(run[field]) : shown(run[field]), `${label}: ${run.chart} ${field}`);
    assert.equal(row.cells.stored, `${hourShown(run.chart_first)} – ${hourShown(run.chart_last)}`, `${label}: ${run.chart}: what the store holds of it`);
    assert.equal(row.cells.chart.includes('partial'), Boolean(run.partial), `${label}: ${run.chart} marked partial or not`);
  }

  // The summary: charts, best peak, and the debut on the chart the song
  // first appeared on: the debut period that came out first (the
  // registry's published hours after its start, else an hourly chart's
  // start and any other's end: docs/korea.md), a year-end chart's only when
  // there is no other (its "2020" sums the year). The API lists the runs in
  // that order; the artist page and `kchart song` take it too.
  assert.equal(await page.textContent('[data-testid="chart-count"]'), `${shown(song.runs.length)} chart${song.runs.length === 1 ? '' : 's'}`);
  assert.equal(await page.textContent('[data-testid="best-peak"]'), `No. ${Math.min(...song.runs.map((r) => r.peak))}`);
  const published = new Map((await api('/api/charts')).charts.map((c) => [c.id, c.published]));
  const cadences = Object.keys(CADENCE_SECONDS);
  const out = (r) => {
    const start = periodSeconds(r.first_period);
    const hours = published.get(r.chart);
    if (hours !== null && hours !== undefined) return start + hours * 3600;
    if (r.cadence === 'hourly') return start;
    const [y, mo = '01'] = r.first_period.split('-');
    if (r.cadence === 'monthly') return Date.UTC(Number(y), Number(mo), 1) / 1000;
    if (r.cadence === 'yearly') return Date.UTC(Number(y) + 1, 0, 1) / 1000;
    return start + CADENCE_SECONDS[r.cadence];
  };
  const order = (a, b) => (a.cadence === 'yearly') - (b.cadence === 'yearly') || out(a) - out(b) || cadences.indexOf(a.cadence) - cadences.indexOf(b.cadence) || (a.chart < b.chart ? -1 : a.chart > b.chart ? 1 : 0);
  assert.deepEqual(song.runs.map((r) => r.chart), [...song.runs].sort(order).map((r) => r.chart), `${label}: the runs by when their debut came out`);
  const first = song.runs[0];
  assert.equal(await page.textContent('[data-testid="first-debut"]'), first.debut.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})$/, '$1 $2:00'), `${label}: the first debut`);
  assert.notEqual(first.cadence, 'yearly', `${label}: the debut is not a yearly chart's`);

  // A headline per provider, in the unit of its lead chart.
  const headlines = await page.$$eval('[data-testid="headline"]', (els) =>
    els.map((el) => ({ ...el.dataset, value: el.querySelector('[data-testid="headline-value"]').textContent, text: el.textContent })),
  );
  assert.deepEqual(headlines.map((x) => x.provider).sort(), [...new Set(song.runs.map((r) => r.provider))].sort(), `${label}: a headline per provider`);
  for (const hl of headlines) {
    const mine = song.runs.filter((r) => r.provider === hl.provider);
    if (hl.field === 'countries') {
      assert.equal(hl.value, shown(mine.filter(isCountryChart).length), `${label}: ${hl.provider} countries`);
      continue;
    }
    const run = runOf.get(hl.chart);
    assert.ok(run && run.provider === hl.provider, `${label}: the ${hl.provider} headline's chart ${hl.chart}`);
    assert.equal(hl.value, shown(run[hl.field]), `${label}: ${hl.chart} ${hl.field}`);
    const unit = hl.field === 'no1' ? `${UNITS.hourly[run.no1 === 1 ? 0 : 1]} at No. 1` : `${UNITS[run.cadence][run.periods === 1 ? 0 : 1]} on the chart`;
    assert.ok(hl.text.includes(unit), `${label}: ${hl.chart} in its own unit "${unit}": ${hl.text}`);
    if (hl.field === 'no1') assert.equal(run.no1, Math.max(...mine.filter((r) => r.cadence === 'hourly').map((r) => r.no1)), `${label}: the most hours at No. 1`);
  }

  // One plot per cadence, the cadence's charts overlaid, each line drawn.
  const byCadence = {};
  for (const s of song.history) (byCadence[runOf.get(s.chart).cadence] ||= []).push(s);
  const figures = await page.$$eval('[data-testid="cadence-plot"]', (els) => els.map((el) => ({ ...el.dataset })));
  assert.deepEqual(figures.map((f) => f.cadence).sort(), Object.keys(byCadence).filter((c) => c !== 'hourly').sort(), `${label}: a plot per cadence`);
  for (const f of figures) {
    const charts = f.charts.split(' ');
    const api = byCadence[f.cadence];
    assert.ok(charts.length === Math.min(6, api.length) && charts.every((c) => api.some((s) => s.chart === c)), `${label}: the ${f.cadence} plot's charts ${f.charts}`);
    assert.equal(Number(f.points), api.filter((s) => charts.includes(s.chart)).reduce((n, s) => n + s.points.length, 0), `${label}: the ${f.cadence} plot's points`);
    const pixels = await readCanvas(`[data-testid="cadence-plot"][data-cadence="${f.cadence}"]`, f.colors.split(' '));
    assert.ok(pixels && pixels.painted > 1000, `${label}: the ${f.cadence} plot is blank`);
    // Lines at the same ranks on the same dates cover each other (How You
    // Like That at No. 1 in five countries): the lines are there, in at
    // least two of their colours when there are two or more.
    const seen = pixels.counts.filter((n) => n >= 5).length;
    assert.ok(pixels.counts.reduce((a, b) => a + b, 0) >= 20 && seen >= Math.min(2, charts.length), `${label}: the ${f.cadence} lines' pixels by colour: ${pixels.counts}`);
  }

  // Hourly charts: a heat strip with every hourly point of the API.
  const hourly = song.runs.filter((r) => r.cadence === 'hourly');
  if (hourly.length) {
    await page.waitForSelector('[data-testid="heat-strip"][data-state="ready"]');
    const want = (await Promise.all(hourly.map((r) => api(`/api/songs/${id}/history?chart=${r.chart}`)))).reduce((n, a) => n + a.points.length, 0);
    assert.equal(Number(await page.getAttribute('[data-testid="heat-strip"]', 'data-points')), want, `${label}: the heat strip's hours`);
    const pixels = await readCanvas('[data-testid="heat-strip"]', ['#0b3d91']);
    assert.ok(pixels.painted > 1000, `${label}: the heat strip is blank`);
    if (hourly.some((r) => r.no1 > 0)) assert.ok(pixels.counts[0] > 0, `${label}: hours at No. 1 drawn in the No. 1 colour`);
    const bars = await page.$$eval('[data-testid="no1-hours"] li', (els) => els.map((el) => [el.dataset.chart, Number(el.dataset.no1)]));
    assert.deepEqual(bars.sort(), hourly.filter((r) => r.no1 > 0).map((r) => [r.chart, r.no1]).sort(), `${label}: hours at No. 1 per chart`);
  } else {
    assert.equal(await page.locator('[data-testid="heat-strip"]').count(), 0);
  }

  // All-Kills: the API's figures, and a timeline.
  for (const a of song.allkills) {
    const row = `[data-testid="allkill"][data-kind="${a.kind}"]`;
    assert.equal(await page.textContent(`${row} [data-testid="ak-hours"]`), count(a.hours, 'hourly'), `${label}: All-Kill hours`);
    assert.equal(await page.textContent(`${row} [data-testid="ak-longest"]`), count(a.longest, 'hourly'));
    assert.equal(await page.textContent(`${row} [data-testid="ak-first"]`), shown(a.first));
    assert.equal(await page.textContent(`${row} [data-testid="ak-last"]`), shown(a.last));
    if (a.first) assert.equal(await page.locator(`${row} .ak-bar`).count(), 1, `${label}: the All-Kill timeline`);
  }

  // Regions: Spotify's countries on the map, the No. 1s filled dark.
  const countries = song.runs.filter(isCountryChart);
  if (countries.length) {
    const family = `${countries[0].provider}-${countries[0].cadence}`;
    const no1 = (song.regions.find((f) => f.family === family) || { regions: [] }).regions;
    const map = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="regions"] svg');
      return {
        paths: svg.querySelectorAll('path').length,
        filled: [...svg.querySelectorAll('.filled')].map((el) => [el.dataset.cc, el.getAttribute('fill'), el.dataset.name]),
        unplaced: svg.dataset.unplaced,
      };
    });
    assert.ok(map.paths > 150, `${label}: the map drew ${map.paths} countries`);
    const placed = countries.map((r) => r.region).filter((cc) => !map.unplaced.split(',').includes(cc));
    assert.deepEqual(map.filled.map(([cc]) => cc).sort(), placed.sort(), `${label}: every charted country filled`);
    assert.deepEqual(
      map.filled.filter(([, fill]) => fill === '#0b3d91').map(([cc]) => cc).sort(),
      no1.map((r) => r.region).filter((cc) => placed.includes(cc)).sort(),
      `${label}: the No. 1 countries filled dark`,
    );
    assert.ok(map.filled.every(([, , name]) => name && name.length > 2), `${label}: countries named`);
    const listed = await page.$$eval('[data-testid="no1-country"]', (els) => els.map((el) => [el.dataset.region, Number(el.dataset.periods), el.dataset.first]));
    assert.deepEqual(listed.sort(), no1.map((r) => [r.region, r.periods, r.first]).sort(), `${label}: the No. 1 countries named`);
  }

  // Spotify's streams, as it published them on its charts.
  const streams = song.history.filter((s) => runOf.get(s.chart).provider === 'spotify').flatMap((s) => s.points.filter((p) => typeof p[2] === 'number').map((p) => p[2]));
  if (streams.length) assert.equal(await page.textContent('[data-testid="spotify-streams-total"]'), shown(streams.reduce((a, b) => a + b, 0)), `${label}: streams`);

  if (song.totals.length) {
    const fig = page.locator('[data-testid="totals-plot"]');
    assert.equal(await page.locator('[data-testid="totals-plot"] canvas').count(), 1, 'a totals plot');
    assert.equal(await fig.getAttribute('data-series'), String(song.totals.length), 'a line per series');
    const marked = Number(await fig.getAttribute('data-milestones'));
    const before = Number(await fig.getAttribute('data-before'));
    assert.equal(marked + before, song.milestones.length, 'every milestone marked or listed once');
  } else {
    assert.equal(await page.locator('[data-testid="no-totals"]').count(), 1, 'the note that no totals are stored');
    assert.equal(await page.locator('[data-testid="totals-plot"]').count(), 0);
  }

  // Under three screens on a laptop; no sideways scroll on a phone.
  const laptop = await pageSize(1366, 768);
  assert.ok(laptop.height < 3 * 768, `${label}: ${laptop.height} px tall at 1366x768, over 3 screens`);
  const phone = await pageSize(390, 844);
  assert.ok(phone.width <= 390, `${label}: scrolls sideways at 390 px (${phone.width} px wide)`);
  return song;
}

/**
 * Searches on the home page and checks that the songs and credits shown are
 * the API's; returns the API's answer. `how`: 'type' (key by key, as you
 * type: earlier answers must not win), 'fill' (one input event) or 'submit'
 * (filled, then Enter).
 */
async function search(query, how = 'fill') {
  const box = page.locator('[data-testid="search-input"]');
  if (how === 'type') {
    await box.fill('');
    await box.pressSequentially(query, { delay: 40 });
  } else {
    await box.fill(query);
    if (how === 'submit') await box.press('Enter');
  }
  await page.waitForSelector(`[data-testid="search-results"][data-state="ready"][data-query="${query}"]`);
  const songs = await page.$$eval('[data-testid="search-song"]', (els) =>
    els.map((el) => ({ id: Number(el.dataset.songId), title: el.querySelector('a').textContent })),
  );
  const artists = await page.$$eval('[data-testid="search-artist"]', (els) => els.map((el) => el.dataset.name));
  const expected = await api(`/api/search?q=${encodeURIComponent(query)}&limit=20`);
  assert.deepEqual(
    songs,
    expected.songs.map((s) => ({ id: s.id, title: s.title })),
    `search "${query}": the songs shown are the API's`,
  );
  assert.deepEqual(
    artists,
    expected.artists.map((a) => a.name),
    `search "${query}": the credits shown are the API's`,
  );
  return expected;
}

async function openSongFromSearch(query, how, title, artist, shotName) {
  await goto('/');
  const found = await search(query, how);
  const song = found.songs.find((s) => s.title === title && s.artist === artist);
  assert.ok(song, `search "${query}" finds ${title} (${artist}): ${JSON.stringify(found.songs)}`);
  await page.click(`[data-testid="search-song"][data-song-id="${song.id}"] a.result-title`);
  await page.waitForURL(`${base}/song/${song.id}`);
  await ready();
  const answer = await checkSongPage(song.id, `${title}`);
  await shot(shotName);
  return answer;
}

async function checkChartTable(chart, period) {
  const qs = period ? `?period=${encodeURIComponent(period)}&limit=1000` : '?limit=1000';
  const expected = await api(`/api/charts/${chart}${qs}`);
  assert.ok(expected.entries.length > 0, `${chart}: the API has no entries`);
  assert.equal(await page.textContent('[data-testid="period"]'), expected.period);
  const rows = await tableCells('[data-testid="chart-row"]');
  assert.equal(rows.length, expected.entries.length, `${chart} ${expected.period}: rows`);
  expected.entries.forEach((entry, i) => {
    const row = rows[i];
    const where = `${chart} ${expected.period} row ${i + 1}`;
    assert.equal(Number(row.songId), entry.song_id, `${where}: song id`);
    assert.equal(row.moveAttr, entry.move, `${where}: move`);
    for (const field of ['rank', 'title', 'artist', 'last', 'peak', 'periods']) {
      assert.equal(row.cells[field], shown(entry[field]), `${where}: ${field}`);
    }
  });
  return expected;
}

setup({
  async fill({ tmp, db }) {
    run('tar', ['--zstd', '-xf', path.join(root, 'data', 'billboard-hot100.tar.zst'), '-C', tmp, '--wildcards', ...HOT100_YEARS.map((y) => `billboard-hot100/date/${y}-*`), ...HOT100_WEEKS.map((w) => `billboard-hot100/date/${w}.json`)]);
    run(kchart, ['ingest', path.join(tmp, 'billboard-hot100', 'date'), '--db', db]);
    run(kchart, ['ingest', KR_FIXTURE, '--db', db]);
    run(kchart, ['ingest', MELON_FIXTURE, '--db', db]);
    run(kchart, ['catalog', 'import', path.join(root, 'data', 'catalog.json'), '--db', db]);
    // Made-up Spotify totals of Lose Control (the song of the Hot 100 above),
    // 10M a day for 30 days from 80M: a totals plot crossing 100M, 200M, 300M.
    const totals = ['source,date,subject,value'];
    for (let d = 0; d < 30; d++) {
      const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
      totals.push(`spotify-streams,${day},Lose Control|Teddy Swims,${80000000 + 10000000 * d}`);
    }
    fs.writeFileSync(path.join(tmp, 'totals.csv'), totals.join('\n') + '\n');
    run(kchart, ['series', 'import', path.join(tmp, 'totals.csv'), '--db', db]);
  },
});

step('a Latin search finds Lose Control; its page shows the API figures and draws both rank plots', async () => {
  const song = await openSongFromSearch('lose control', 'type', 'Lose Control', 'Teddy Swims', 'song-latin');
  assert.ok(song.history.length >= 1);
  assert.equal(song.totals.length, 1, 'its stream totals');
  assert.deepEqual(song.milestones.map((m) => m.mark), [100000000, 200000000, 300000000]);
  // Crossed within the data: marked on the plot, none listed as earlier.
  assert.equal(await page.getAttribute('[data-testid="totals-plot"]', 'data-milestones'), '3');
  assert.equal(await page.getAttribute('[data-testid="totals-plot"]', 'data-before'), '0');
  // The Hot 100 headline: weeks on the chart.
  const run = song.runs.find((r) => r.chart === 'billboard-hot-100');
  assert.equal(await page.textContent('[data-testid="headline"][data-provider="billboard"] [data-testid="headline-value"]'), shown(run.periods));
  assert.ok((await page.textContent('[data-testid="headline"][data-provider="billboard"]')).includes('weeks on the chart'));
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('song-latin-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

step('a Hangul search finds 밤양갱; its page shows the API figures and a plot with rank 1 at the top', async () => {
  const song = await openSongFromSearch('밤양갱', 'submit', '밤양갱', '비비 (BIBI)', 'song-hangul');
  assert.equal(song.runs[0].chart, 'spotify-kr-weekly');
});

step('a Hangul credit search leads to the artist page with the API songs', async () => {
  await goto('/');
  const found = await search('투어스');
  assert.ok(found.artists.length >= 1, `the API finds the credit: ${JSON.stringify(found)}`);
  const name = found.artists[0].name;
  await page.click(`[data-testid="search-artist"] a`);
  await page.waitForURL(`${base}/artist/${encodeURIComponent(name)}`);
  await ready();
  const expected = await api(`/api/artists/${encodeURIComponent(name)}?limit=100`);
  assert.ok(expected.songs.length >= 1, 'the API credits songs to the name');
  assert.equal(await page.textContent('[data-testid="artist-name"]'), expected.artist.name);
  const rows = await tableCells('[data-testid="artist-song"]');
  assert.deepEqual(
    rows.map((r) => [Number(r.songId), r.cells.title, r.cells.best_peak, r.cells.debut]),
    expected.songs.map((s) => [s.id, s.title, shown(s.best_peak), shown(s.debut).replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})$/, '$1 $2:00')]),
  );
  await shot('artist-hangul');
});

step('a Hangul search by any name: 뚜두뚜두 is one song on Melon and the Hot 100, 블랙핑크 the artist', async () => {
  await goto('/');
  const found = await search('뚜두뚜두', 'submit');
  const hits = await page.$$eval('[data-testid="search-hit"]', (els) =>
    els.map((el) => ({ kind: el.dataset.kind, id: Number(el.dataset.id), name: el.dataset.name })),
  );
  assert.deepEqual(hits, found.hits.map((x) => ({ kind: x.kind, id: x.id, name: x.name })), 'the hits shown are the API\'s');
  const song = found.hits.filter((x) => x.alias === '뚜두뚜두' || x.name.startsWith('뚜두뚜두 (DDU-DU DDU-DU)') || x.name === 'DDU-DU DDU-DU');
  assert.equal(song.length, 1, `one song for 뚜두뚜두: ${JSON.stringify(found.hits)}`);
  const runs = (await api(`/api/songs/${song[0].id}`)).runs.map((r) => r.chart).sort();
  assert.deepEqual(runs, ['billboard-hot-100', 'melon-daily'], 'its runs: the Hot 100 and Melon');
  assert.ok(!(await page.textContent('[data-testid="search-results"]')).includes('null'), 'no "null" shown');
  await page.click(`[data-testid="search-hit"][data-id="${song[0].id}"] a.result-title`);
  await page.waitForURL(`${base}/song/${song[0].id}`);
  await ready();
  await shot('search-hangul-song');

  await goto('/');
  const band = await search('블랙핑크', 'type');
  assert.equal(band.hits[0].kind, 'artist');
  assert.equal(band.hits[0].name, 'BLACKPINK');
  assert.equal(band.hits[0].alias, '블랙핑크');
  assert.equal(await page.getAttribute('[data-testid="search-hit"]', 'data-name'), 'BLACKPINK');
  assert.ok(!(await page.textContent('[data-testid="search-results"]')).includes('null'), 'no "null" shown');
  await shot('search-hangul-artist');
});

step('the Hot 100 page shows the API rows; previous period and back again', async () => {
  await goto('/chart/billboard-hot-100');
  const latest = await checkChartTable('billboard-hot-100', null);
  assert.equal(latest.entries.length, 100, 'the Hot 100 has 100 entries');
  assert.ok(latest.previous, 'the latest period has a previous one');
  // What the store holds of the chart, as the API's chart info says it.
  const held = await page.textContent('[data-testid="chart-coverage"]');
  assert.ok(held.startsWith(`Stored from ${latest.chart.first} to ${latest.chart.latest}`), held);
  assert.equal(held.includes('mid-history'), latest.chart.seeded > 0, held);
  await shot('chart-hot100');
  // On a phone the page does not scroll sideways; the table fits or
  // scrolls in its own box.
  const phone = await pageSize(390, 844);
  assert.ok(phone.width <= 390, `the Hot 100 page is ${phone.width} px wide at 390`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('chart-hot100-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.click('a[data-testid="period-prev"]');
  await page.waitForURL(`${base}/chart/billboard-hot-100?period=${latest.previous}`);
  await ready();
  const previous = await checkChartTable('billboard-hot-100', latest.previous);
  assert.equal(previous.following, latest.period);

  await page.click('a[data-testid="period-next"]');
  await page.waitForURL(`${base}/chart/billboard-hot-100?period=${latest.period}`);
  await ready();
  await checkChartTable('billboard-hot-100', latest.period);

  // Back through the history API: the previous period again, from popstate.
  await page.goBack();
  await page.waitForFunction(
    (period) => document.querySelector('#app').dataset.state === 'ready' && document.querySelector('[data-testid="period"]')?.textContent === period,
    latest.previous,
  );
  await checkChartTable('billboard-hot-100', latest.previous);
});

step('the Hot 100 leaderboards show the API rows', async () => {
  await goto('/chart/billboard-hot-100');
  for (const by of ['no1', 'periods', 'streak', 'peak']) {
    await page.click(`[data-testid="tab-${by}"]`);
    await page.waitForURL(`${base}/chart/billboard-hot-100?top=${by}`);
    await ready();
    const expected = await api(`/api/charts/billboard-hot-100/top?by=${by}&limit=100`);
    assert.ok(expected.rows.length > 0, `the API has a ${by} leaderboard`);
    const rows = await tableCells('[data-testid="top-row"]');
    assert.deepEqual(
      rows.map((r) => [Number(r.songId), r.cells.pos, r.cells.title, r.cells.periods, r.cells.peak, r.cells.longest_streak, r.cells.no1, r.cells.debut]),
      expected.rows.map((r) => [r.song_id, shown(r.pos), r.title, shown(r.periods), shown(r.peak), shown(r.longest_streak), shown(r.no1), shown(r.debut)]),
      `leaderboard by ${by}`,
    );
    if (by === 'no1') await shot('top-no1');
  }
});

step('the Spotify Korea page shows Hangul rows, new entries and re-entries as the API does', async () => {
  await goto('/chart/spotify-kr-weekly');
  const latest = await checkChartTable('spotify-kr-weekly', null);
  const moves = latest.entries.map((e) => e.move);
  assert.ok(moves.includes('re-entry'), `the fixture's last week has a re-entry: ${moves}`);
  const moveCells = await page.$$eval('[data-testid="chart-row"] [data-testid="move"]', (els) => els.map((el) => el.textContent));
  latest.entries.forEach((entry, i) => {
    if (entry.move === 're-entry') assert.equal(moveCells[i], 'RE');
    if (entry.move === 'new') assert.equal(moveCells[i], 'NEW');
  });
  await shot('chart-spotify-kr');
});

step('the news page shows the API events', async () => {
  await goto('/news');
  const news = await api('/api/news?limit=50');
  const texts = await page.$$eval('[data-testid="news-list"] [data-testid="news-text"]', (els) => els.map((el) => el.textContent));
  assert.ok(news.events.length > 0);
  assert.deepEqual(texts, news.events.map((e) => e.text));
  await shot('news');
});

step('an unknown song says not found', async () => {
  const res = await fetch(`${base}/api/songs/987654321`);
  assert.equal(res.status, 404, 'the API does not know song 987654321');
  await page.goto(`${base}/song/987654321`);
  await page.waitForSelector('#app[data-state="error"] [data-testid="not-found"]');
});

// A Korean song on many charts: How You Like That on Melon, Genie, Bugs,
// FLO, VIBE and Circle (its series from the korea-blackpink archive:
// hourly, daily, weekly, monthly and yearly charts, a per-song archive, so
// partial) and on Spotify's weekly charts of 54 countries (14 weeks from its
// release), ingested into the served store here.
step('a Korean song on many charts: its page shows the API figures, the plots, the heat strip and the map, under 3 screens', async () => {
  const korea = path.join(tmp, 'korea');
  fs.mkdirSync(korea, { recursive: true });
  run('tar', ['--zstd', '-xf', path.join(root, 'data', 'korea-blackpink.tar.zst'), '-C', korea, '--wildcards', 'korea-blackpink/data.json', 'korea-blackpink/backup/hylt_*']);
  run('tar', ['--zstd', '-xf', path.join(root, 'data', 'spotify-weekly-55.tar.zst'), '-C', korea, '--wildcards', 'spotify-weekly-55/*/2020-06-26--*', 'spotify-weekly-55/*/2020-0[789]-*']);
  run(kchart, ['ingest', '--quiet', path.join(korea, 'korea-blackpink'), path.join(korea, 'spotify-weekly-55'), '--db', path.join(tmp, 'kchart.db')]);
  const song = await openSongFromSearch('how you like that', 'fill', 'How You Like That', 'BLACKPINK', 'song-korean');
  assert.ok(song.runs.length >= 60, `How You Like That is on ${song.runs.length} charts`);
  assert.ok(song.regions.length >= 1 && song.regions[0].regions.length >= 1, 'No. 1 in some country');
  assert.ok(song.runs.some((r) => r.cadence === 'hourly' && r.no1 > 0), 'hours at No. 1');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot('song-korean-laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('song-korean-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

step('the home page: the latest Hot 100 first, then the Korean charts\' latest day and week (partial ones marked), then the news', async () => {
  await goto('/');
  const { charts } = await api('/api/charts');
  // The Hot 100, its latest period's top 10 as the API gives it.
  const order = await page.$$eval('.home-columns [data-testid]', (els) => els.map((el) => el.dataset.testid).filter((t) => ['top-hot100', 'korean-charts', 'latest-news'].includes(t)));
  assert.deepEqual(order, ['top-hot100', 'korean-charts', 'latest-news'], 'the Hot 100, then the Korean charts, then the news');
  const hot = await api('/api/charts/billboard-hot-100?limit=10');
  const shownHot = await page.$$eval('[data-testid="top-hot100"] li', (els) => els.map((el) => [Number(el.dataset.songId), Number(el.dataset.rank)]));
  assert.deepEqual(shownHot, hot.entries.map((e) => [e.song_id, e.rank]));
  assert.equal(await page.getAttribute('[data-testid="top-hot100"]', 'data-period'), hot.period);
  // The Korean charts: daily and weekly ones only, never an hourly chart;
  // a chart the store holds only some songs of is marked partial.
  const korean = charts.filter((c) => c.region === 'kr' && c.periods_stored > 0 && ['daily', 'weekly'].includes(c.cadence));
  const panels = await page.$$eval('[data-testid="top-korean"]', (els) => els.map((el) => ({ ...el.dataset, songs: [...el.querySelectorAll('li')].map((li) => [Number(li.dataset.songId), Number(li.dataset.rank)]), note: !!el.querySelector('[data-testid="partial-note"]') })));
  assert.deepEqual(panels.map((p) => p.chart).sort(), korean.map((c) => c.id).sort(), 'a panel per Korean daily or weekly chart');
  assert.ok(charts.some((c) => c.region === 'kr' && c.cadence === 'hourly' && c.periods_stored > 0), 'the test store has hourly Korean charts (not shown)');
  for (const p of panels) {
    const chart = korean.find((c) => c.id === p.chart);
    const latest = await api(`/api/charts/${p.chart}?limit=5`);
    assert.equal(p.period, latest.period);
    assert.deepEqual(p.songs, latest.entries.map((e) => [e.song_id, e.rank]), `${p.chart}: the songs shown`);
    const partial = chart.partial > 0 && latest.total < chart.size;
    assert.equal(p.partial, String(partial), `${p.chart} partial`);
    assert.equal(p.note, partial, `${p.chart}: the partial note`);
  }
  assert.ok(panels.some((p) => p.partial === 'true'), 'a partial Korean chart is marked');
  // The news, as the API's.
  const news = await api('/api/news?limit=8');
  assert.ok(news.events.length > 0, 'the API has news');
  const texts = await page.$$eval('[data-testid="latest-news"] [data-testid="news-text"]', (els) => els.map((el) => el.textContent));
  assert.deepEqual(texts, news.events.map((e) => e.text));
  // Every stored chart listed, with the API's figures; no generated chart.
  const stored = charts.filter((c) => c.periods_stored > 0);
  const listed = await page.$$eval('[data-testid="chart-list"] [data-testid="chart-list-row"]', (els) => els.map((el) => el.dataset.chart));
  assert.deepEqual(listed.sort(), stored.map((c) => c.id).sort());
  const rows = await tableCells('tr[data-testid="chart-list-row"]');
  for (const r of rows) {
    const c = stored.find((x) => x.id === r.chart);
    assert.deepEqual([r.cells['periods-stored'], r.cells.latest], [shown(c.periods_stored), c.latest], r.chart);
  }
  await shot('home');
  const phone = await pageSize(390, 844);
  assert.ok(phone.width <= 390, `the home page is ${phone.width} px wide at 390`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('home-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

step('no script error on any page', async () => {
  assert.deepEqual(pageErrors, []);
});

// Last: the server that served every page above is still sound.
stopsCleanly();
