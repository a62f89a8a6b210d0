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
import { api, base, goto, here, kchart, page, ready, readPlot, root, run, setup, shot, shown, step, stopsCleanly, tableCells, pageErrors } from './lib.mjs';

// Three years of the Hot 100: "Lose Control" (Teddy Swims) debuts in 2023
// and reaches No. 1 in 2024; the Korean fixture credits it too.
const HOT100_YEARS = ['2023', '2024', '2025'];
const KR_FIXTURE = path.join(here, 'fixtures', 'spotify-kr-weekly.csv');
// Names in any script: the Hot 100 week of "DDU-DU DDU-DU" (2018-06-30) and
// two of its Melon daily rows as "뚜두뚜두 (DDU-DU DDU-DU)" (the korea-blackpink
// archive's), one song; the bundled catalog gives BLACKPINK its alias 블랙핑크.
const HOT100_WEEKS = ['2018-06-30'];
const MELON_FIXTURE = path.join(here, 'fixtures', 'melon-blackpink.csv');

/** Checks a song page against GET /api/songs/{id}; returns the API answer. */
async function checkSongPage(id, label) {
  const song = await api(`/api/songs/${id}`);
  assert.ok(song.runs.length >= 1, `song ${id} has no runs in the API: the test data is wrong`);

  assert.equal(await page.textContent('[data-testid="song-title"]'), song.song.title);
  assert.equal((await page.textContent('[data-testid="song-artist"]')).trim(), song.song.artist);

  const rows = await tableCells('[data-testid="run-row"]');
  assert.deepEqual(
    rows.map((r) => r.chart).sort(),
    song.runs.map((r) => r.chart).sort(),
    'one run row per chart of the API',
  );
  const fields = ['debut', 'debut_rank', 'peak', 'peak_period', 'at_peak', 'periods', 'longest_streak', 'no1', 'reentries', 'last_period', 'last_rank'];
  for (const run of song.runs) {
    const row = rows.find((r) => r.chart === run.chart);
    for (const field of fields) {
      assert.equal(row.cells[field], shown(run[field]), `${label}: ${run.chart} ${field}`);
    }
  }

  const peaks = song.runs.map((r) => r.peak).filter((p) => p !== null);
  assert.equal(await page.textContent('[data-testid="best-peak"]'), `No. ${Math.min(...peaks)}`);
  assert.equal(await page.textContent('[data-testid="total-periods"]'), shown(song.runs.reduce((s, r) => s + (r.periods || 0), 0)));
  assert.equal(await page.textContent('[data-testid="chart-count"]'), shown(song.runs.length));
  // The first debut is the run with the earliest first period, shown as it
  // reads ("before D" for a run seeded from the provider's counters).
  const byFirst = [...song.runs].sort((a, b) => String(a.first_period).localeCompare(String(b.first_period)));
  assert.equal(await page.textContent('[data-testid="first-debut"]'), byFirst[0].debut);

  // One rank plot per chart in `history`, each with the API's points, drawn.
  const figures = await page.$$eval('[data-testid="rank-plot"]', (els) => els.map((el) => el.dataset.chart));
  assert.deepEqual(figures.sort(), song.history.map((h) => h.chart).sort(), 'one rank plot per chart of history');
  for (const series of song.history) {
    const plot = await readPlot(series.chart);
    assert.ok(plot && plot.canvas, `${label}: no canvas in the rank plot of ${series.chart}`);
    assert.equal(plot.points, series.points.length, `${label}: points plotted on ${series.chart}`);
    assert.ok(plot.painted > 1000, `${label}: the ${series.chart} plot's canvas is blank (${plot.painted} painted pixels)`);
    assert.ok(plot.count >= 20, `${label}: the ${series.chart} rank line has ${plot.count} pixels of its colour`);
    // Rank 1 at the top: the best rank is the highest coloured pixel. A
    // debut below the peak starts lower than the line's top; a debut at the
    // peak starts at the top.
    const ranks = series.points.map(([, rank]) => rank);
    const best = Math.min(...ranks);
    const debutRank = [...series.points].sort((a, b) => (a[0] < b[0] ? -1 : 1))[0][1];
    const worst = Math.max(...ranks);
    if (worst > best) {
      assert.ok(plot.maxY - plot.minY > 10, `${label}: ${series.chart} line is flat (${plot.minY}..${plot.maxY})`);
      if (debutRank === best) {
        assert.ok(plot.leftY - plot.minY <= 6, `${label}: ${series.chart} debut at the peak is drawn at y=${plot.leftY}, the line's top is ${plot.minY}`);
      } else {
        assert.ok(plot.leftY - plot.minY > 6, `${label}: ${series.chart} debut at ${debutRank} is drawn at y=${plot.leftY}, not below the top ${plot.minY} (rank ${best}); is the axis inverted?`);
      }
    }
  }

  if (song.totals.length) {
    assert.equal(await page.locator('[data-testid="totals-plot"] canvas').count(), 1, 'a totals plot');
    const fig = page.locator('[data-testid="totals-plot"]');
    assert.equal(await fig.getAttribute('data-series'), String(song.totals.length), 'a line per series');
    assert.equal(await fig.getAttribute('data-milestones'), String(song.milestones.length), 'every milestone marked');
  } else {
    assert.equal(await page.locator('[data-testid="no-totals"]').count(), 1, 'the note that no totals are stored');
    assert.equal(await page.locator('[data-testid="totals-plot"]').count(), 0);
  }

  // No. 1 by region: one row per family and region, as the API gives them.
  const regions = song.regions.flatMap((f) => f.regions.map((r) => [f.family, r.region, r.chart, r.first]));
  const shownRegions = await page.$$eval('[data-testid="regions"] tbody tr', (trs) =>
    trs.map((tr) => ['family', 'region', 'chart', 'first'].map((k) => tr.querySelector(`[data-field="${k}"]`).textContent.trim())),
  );
  assert.deepEqual(shownRegions, regions, `${label}: the regions table`);
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

step('the home page lists the stored charts and the latest news as the API does', async () => {
  await goto('/');
  const { charts } = await api('/api/charts');
  const stored = charts.filter((c) => c.periods_stored > 0);
  assert.deepEqual(stored.map((c) => c.id).sort(), ['billboard-hot-100', 'melon-daily', 'spotify-kr-weekly']);
  const rows = await tableCells('[data-testid="chart-list-row"]');
  assert.deepEqual(
    rows.map((r) => [r.chart, r.cells['periods-stored'], r.cells.latest]),
    stored.map((c) => [c.id, shown(c.periods_stored), c.latest]),
  );
  const news = await api('/api/news?limit=8');
  assert.ok(news.events.length > 0, 'the API has news');
  const texts = await page.$$eval('[data-testid="latest-news"] [data-testid="news-text"]', (els) => els.map((el) => el.textContent));
  assert.deepEqual(texts, news.events.map((e) => e.text));
  await shot('home');
});

step('a Latin search finds Lose Control; its page shows the API figures and draws both rank plots', async () => {
  const song = await openSongFromSearch('lose control', 'type', 'Lose Control', 'Teddy Swims', 'song-latin');
  assert.ok(song.history.length >= 1);
  assert.equal(song.totals.length, 1, 'its stream totals');
  assert.deepEqual(song.milestones.map((m) => m.mark), [100000000, 200000000, 300000000]);
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
    rows.map((r) => [Number(r.songId), r.cells.title, r.cells.best_peak, r.cells.periods, r.cells.debut]),
    expected.songs.map((s) => [s.id, s.title, shown(s.best_peak), shown(s.periods), shown(s.debut)]),
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

step('no script error on any page', async () => {
  assert.deepEqual(pageErrors, []);
});

// Last: the server that served every page above is still sound.
stopsCleanly();
