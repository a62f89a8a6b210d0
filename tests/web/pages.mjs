// Browser tests of the artist, records, All-Kills, regions, sales and news
// pages over a real `kchart serve` (the harness is lib.mjs): BLACKPINK's
// real ranks on the Korean charts (data/korea-blackpink, with the archive's
// All-Kill rule data/allkill-archive.csv and the bundled catalog), the
// hand-made Spotify weekly regions of tests/fixtures/regions, the records
// history of tests/records and the sales of tests/sales. Every figure a page
// shows is compared with the API's answer for it; the All-Kill strip and the
// world map are checked as drawn (cells, SVG paths); at 390 px wide no page
// scrolls sideways. Screenshots: ARTIFACT_DIR/pages/, at 1280 and 390 px.
//
// Usage: node tests/web/pages.mjs KCHART ARTIFACT_DIR (tests/web/run.sh).
import assert from 'node:assert/strict';
import path from 'node:path';
import { api, base, goto, kchart, page, pageErrors, ready, root, run, setup, shot, shown, step, stopsCleanly, tableCells } from './lib.mjs';

/** How the pages print an hour's period: 2020-06-26T19 as 2020-06-26 19:00. */
const hour = (p) => String(p).replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})$/, '$1 $2:00');

const tests = path.join(root, 'tests');

setup({
  subdir: 'pages',
  async fill({ tmp, db }) {
    const kc = (...args) => run(kchart, [...args, '--db', db]);
    run('tar', ['--zstd', '-xf', path.join(root, 'data', 'korea-blackpink.tar.zst'), '-C', tmp]);
    kc('ingest', '--quiet', path.join(tmp, 'korea-blackpink'));
    kc('allkill', '--load', path.join(root, 'data', 'allkill-archive.csv'));
    kc('catalog', 'import', path.join(root, 'data', 'catalog.json'));
    kc('ingest', path.join(tests, 'fixtures', 'regions', 'weekly.csv'));
    // The sales fixture's Nova is a soloist, the records fixture's a group
    // of Ria and Jae: the records catalog last, so that Nova is the group.
    kc('catalog', 'import', path.join(tests, 'sales', 'catalog.json'));
    kc('sales', 'import', path.join(tests, 'sales', 'dawn.csv'), path.join(tests, 'sales', 'morning.csv'));
    kc('catalog', 'import', path.join(tests, 'records', 'catalog.json'));
    kc('series', 'import', path.join(tests, 'records', 'series.csv'));
    kc('ingest', path.join(tests, 'records', 'chart.csv'));
  },
});

const PAGES = ['/artist/BLACKPINK', '/records?measure=spotify-streams&mode=first&at_least=700000000&role=b-side&market=k-pop', '/allkill', '/regions', '/sales?release=Dawn', '/news?kind=no1'];

/** The page's widest point against the viewport: > 0 when it scrolls sideways. */
function overflow() {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.closest('.scroll, table.data, details:not([open])'));
    return { over: doc.scrollWidth - doc.clientWidth, culprits: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}[${el.dataset.testid || ''}] ${Math.round(el.getBoundingClientRect().right)}`) };
  });
}

/** Every coverage row shown says the API's first and last period. */
async function checkCoverage() {
  const { charts } = await api('/api/charts');
  const byId = new Map(charts.map((c) => [c.id, c]));
  const rows = await tableCells('[data-testid="coverage-row"]');
  assert.ok((await page.locator('[data-testid="coverage"]').count()) >= 1, 'the page says what the store covers');
  for (const r of rows) {
    const c = byId.get(r.chart);
    assert.equal(r.cells.first, c.first, `${r.chart}: first`);
    assert.equal(r.cells.latest, c.latest, `${r.chart}: latest`);
    assert.equal(r.cells.held.includes('partial'), c.partial > 0, `${r.chart}: partial marked`);
  }
  return rows;
}

async function noNull() {
  const body = await page.textContent('#app');
  assert.ok(!/\bnull\b|\bundefined\b|NaN/.test(body), `no "null", "undefined" or "NaN" shown: ${body.match(/.{0,40}(null|undefined|NaN).{0,40}/)?.[0]}`);
}

step('the header leads to every page', async () => {
  await goto('/');
  const links = await page.$$eval('.site-nav a', (as) => as.map((a) => a.getAttribute('href')));
  for (const want of ['/', '/news', '/records', '/allkill', '/regions', '/sales']) assert.ok(links.includes(want), `the header links to ${want}: ${links}`);
  await page.click('.site-nav a[href="/allkill"]');
  await page.waitForURL(`${base}/allkill`);
  await ready();
  assert.equal(await page.getAttribute('.site-nav a[href="/allkill"]', 'class'), 'active');
});

step('블랙핑크 and blackpink find BLACKPINK; its artist page shows the API figures', async () => {
  for (const q of ['블랙핑크', 'blackpink']) {
    await goto('/');
    await page.fill('[data-testid="search-input"]', q);
    await page.waitForSelector(`[data-testid="search-results"][data-state="ready"][data-query="${q}"]`);
    const hit = page.locator('[data-testid="search-hit"][data-kind="artist"][data-name="BLACKPINK"] a').first();
    assert.equal(await hit.count(), 1, `search "${q}" shows BLACKPINK as an artist`);
    assert.ok(!(await page.textContent('[data-testid="search-results"]')).includes('null'), 'no "null" under the results');
  }
  await page.locator('[data-testid="search-hit"][data-kind="artist"][data-name="BLACKPINK"] a').first().click();
  await page.waitForURL(/\/artist\//);
  await ready();
  const a = await api('/api/artists/BLACKPINK?limit=100');
  const { charts } = await api('/api/charts');
  const cadence = new Map(charts.map((c) => [c.id, c.cadence]));
  const unit = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' };
  assert.equal(await page.textContent('[data-testid="artist-name"]'), 'BLACKPINK');
  assert.deepEqual(await page.$$eval('[data-testid="alias"]', (els) => els.map((e) => e.textContent)), a.aliases.map((x) => x.alias));
  assert.ok(a.aliases.some((x) => x.alias === '블랙핑크'));
  const members = await page.$$eval('[data-testid="member"]', (els) => els.map((e) => [e.dataset.role, e.dataset.name, e.querySelector('[data-testid="member-dates"]').textContent]));
  assert.deepEqual(
    members.sort(),
    a.members.map((m) => [m.role, m.name, m.since && m.until ? `${m.since} to ${m.until}` : m.since ? `since ${m.since}` : m.until ? `until ${m.until}` : '']).sort(),
  );
  assert.equal(members.length, 4, 'four members');
  const totals = await tableCells('[data-testid="total-row"]');
  assert.deepEqual(
    totals.map((r) => [r.chart, r.cells.entries, r.cells.no1s, r.cells.top10s, r.cells.periods, r.cells.first, r.cells.last]),
    a.totals.map((t) => {
      const u = unit[cadence.get(t.chart)];
      return [t.chart, shown(t.entries), shown(t.no1s), shown(t.top10s), `${shown(t.periods)} ${u}${t.periods === 1 ? '' : 's'}`, hour(t.first), hour(t.last)];
    }),
    'per-chart stats in the chart’s own unit',
  );
  assert.deepEqual(await page.$$eval('[data-testid="release"]', (els) => els.map((e) => e.dataset.key)), a.releases.map((r) => r.key));
  assert.equal(await page.locator('[data-testid="milestone"]').count(), a.milestones.length);
  assert.equal(await page.locator('[data-testid="more"]:visible').count(), a.next ? 1 : 0, '"Show more" only when there is more');
  const songs = await tableCells('[data-testid="artist-song"]');
  assert.deepEqual(
    songs.map((r) => [Number(r.songId), r.cells.title, r.cells.best_peak, r.cells.debut]),
    a.songs.map((s) => [s.id, s.title, shown(s.best_peak), hour(shown(s.debut))]),
  );
  // A song's debut is the song page's: its first run's (the debut that came
  // out first; a year-end chart's "2016" only when there is no other), and
  // the songs are listed by it.
  for (const s of a.songs.filter((x) => x.charts > 0).slice(0, 12)) {
    const runs = (await api(`/api/songs/${s.id}`)).runs;
    assert.equal(s.debut, runs[0].debut, `${s.title}: the debut of its first run`);
    if (runs.some((r) => cadence.get(r.chart) !== 'yearly')) assert.notEqual(cadence.get(runs[0].chart), 'yearly', `${s.title}: a debut not from a year-end chart`);
  }
  const cov = await checkCoverage();
  assert.deepEqual(cov.map((r) => r.chart).sort(), a.totals.map((t) => t.chart).sort(), 'coverage of the charts of its totals');
  await noNull();
  await shot('artist-blackpink');

  await page.click('[data-testid="member"][data-name="LISA"] a');
  await page.waitForURL(/\/artist\/LISA$/);
  await ready();
  const lisa = await api('/api/artists/LISA');
  assert.deepEqual(await page.$$eval('[data-testid="alias"]', (els) => els.map((e) => e.textContent)), lisa.aliases.map((x) => x.alias));
  assert.equal(await page.getAttribute('[data-testid="member"]', 'data-name'), 'BLACKPINK');
  await shot('artist-lisa');

  // A soloist with stream and follower milestones and a record in the news:
  // every milestone is counted once, marks crossed on one day as one item.
  await goto('/artist/Ria');
  const ria = await api('/api/artists/Ria');
  assert.ok(ria.milestones.length > 10, 'Ria has milestones');
  const items = await page.$$eval('[data-testid="milestone"]', (els) => els.map((e) => [e.dataset.source, Number(e.dataset.mark), Number(e.dataset.marks)]));
  assert.equal(items.reduce((n, [, , k]) => n + k, 0), ria.milestones.length, 'every milestone in one item or another');
  const days = new Set(ria.milestones.map((m) => `${m.subject}|${m.source}|${m.date}`));
  assert.equal(items.length, days.size, 'one item per subject, source and day');
  for (const [source, mark] of items) assert.ok(ria.milestones.some((m) => m.source === source && m.mark === mark));
  const records = (await api('/api/news?kind=record&artist=Ria&limit=1000')).events.filter((e) => e.kind === 'record' && /Ria/i.test(e.artist));
  assert.ok(records.length >= 1, 'the news has a record of Ria');
  assert.deepEqual(await page.$$eval('[data-testid="record-held"]', (els) => els.map((e) => e.textContent)), records.map((e) => e.text));
  assert.deepEqual(await page.$$eval('[data-testid="release"]', (els) => els.map((e) => e.dataset.key)), ria.releases.map((r) => r.key));
  await noNull();
  await shot('artist-ria');
});

step('the records explorer: measure, cohort and question give the API sentence and list', async () => {
  await goto('/records');
  await page.selectOption('[data-testid="rec-measure"]', 'spotify-streams');
  await page.selectOption('[data-testid="rec-mode"]', 'first');
  await page.fill('[data-testid="rec-at_least"]', '700000000');
  await page.selectOption('[data-testid="rec-role"]', 'b-side');
  await page.selectOption('[data-testid="rec-market"]', 'k-pop');
  await page.click('[data-testid="records-ask"]');
  await page.waitForURL(/\/records\?measure=spotify-streams/);
  await ready();
  const want = await api('/api/records?measure=spotify-streams&mode=first&at_least=700000000&role=b-side&market=k-pop&limit=50');
  assert.equal(await page.textContent('[data-testid="records-sentence"]'), want.answer);
  assert.match(want.answer, /^Nova Side \(Nova\) was the first K-pop b-side/);
  const rows = await tableCells('[data-testid="record-row"]');
  assert.deepEqual(
    rows.map((r) => [r.cells.rank, r.cells.title, r.cells.artist, r.cells.value, r.cells.days]),
    want.rows.map((r) => [shown(r.rank), r.title, r.artist, shown(r.value), shown(r.days)]),
  );
  await noNull();
  await shot('records');

  // A chart measure: the chart picker appears and is sent.
  await page.selectOption('[data-testid="rec-measure"]', 'periods');
  assert.ok(await page.isVisible('[data-testid="rec-chart"]'), 'a chart measure shows the chart picker');
  await page.selectOption('[data-testid="rec-chart"]', 'spotify-global-daily');
  await page.selectOption('[data-testid="rec-mode"]', 'most');
  await page.fill('[data-testid="rec-at_least"]', '');
  await page.selectOption('[data-testid="rec-role"]', '');
  await page.selectOption('[data-testid="rec-market"]', '');
  await page.click('[data-testid="records-ask"]');
  await page.waitForURL(/chart=spotify-global-daily/);
  await ready();
  const most = await api('/api/records?measure=periods&chart=spotify-global-daily&mode=most&limit=50');
  assert.equal(await page.textContent('[data-testid="records-sentence"]'), most.answer);
  assert.equal(await page.locator('[data-testid="record-row"]').count(), most.rows.length);
});

step('All-Kills: the leaderboards by year, a song’s hour strip and the state at an hour are the API’s', async () => {
  await goto('/allkill');
  const all = await api('/api/allkill?limit=100');
  assert.ok(all.songs.length >= 3, 'the archive has All-Kills');
  const board = async (want) => {
    const rows = await tableCells('[data-testid="allkill-row"]');
    assert.deepEqual(
      rows.map((r) => [Number(r.songId), r.cells.title, r.kind, r.cells.hours, r.cells.first, r.cells.longest, r.cells.last, r.cells.missing]),
      want.songs.map((s) => [s.song_id, s.title, s.kind, shown(s.hours), s.first, shown(s.longest), s.last, shown(s.missing)]),
    );
  };
  await board(all);
  // The strip of the first song: its All-Kill hours drawn are the API's.
  const top = all.songs[0];
  const strip = page.locator('[data-testid="allkill-strip"]');
  assert.equal(await strip.getAttribute('data-song-id'), String(top.song_id));
  assert.equal(Number(await strip.getAttribute('data-all')), top.hours, `${top.title}: All-Kill hours in the strip`);
  assert.ok((await page.locator('[data-testid="allkill-strip"] rect.ak-all').count()) === top.hours);
  // The state at its first hour.
  const at = await api(`/api/allkill/at/${top.first}`);
  const atRows = await tableCells('[data-testid="at-row"]');
  assert.deepEqual(
    atRows.map((r) => [r.chart, r.cells.verdict, r.cells.period, r.cells.state, r.cells.title]),
    at.charts.map((c) => [c.chart, c.verdict, shown(c.period), c.state, shown(c.title)]),
  );
  await checkCoverage();
  await noNull();
  await shot('allkill');

  await page.click('[data-testid="year-2022"]');
  await page.waitForURL(/year=2022/);
  await ready();
  await board(await api('/api/allkill?year=2022&limit=100'));

  // Another song's strip, and the state at an hour typed in.
  const second = all.songs[1];
  await page.click(`[data-testid="allkill-row"][data-song-id="${second.song_id}"] [data-testid="title"] a`);
  await page.waitForURL(new RegExp(`song=${second.song_id}`));
  await ready();
  assert.equal(Number(await page.getAttribute('[data-testid="allkill-strip"]', 'data-all')), second.hours);
  await page.fill('[data-testid="at-input"]', '2020-06-27T08');
  await page.press('[data-testid="at-input"]', 'Enter');
  await page.waitForURL(/at=2020-06-27T08/);
  await ready();
  const state = await api('/api/allkill/at/2020-06-27T08');
  assert.deepEqual(
    (await tableCells('[data-testid="at-row"]')).map((r) => [r.chart, r.cells.verdict, r.cells.title]),
    state.charts.map((c) => [c.chart, c.verdict, shown(c.title)]),
  );
  await shot('allkill-song');
});

step('regions: the leaderboard and the world map of a song’s No. 1s', async () => {
  await goto('/regions');
  const board = await api('/api/regions?family=spotify-weekly&limit=50');
  const rows = await tableCells('[data-testid="regions-row"]');
  assert.deepEqual(
    rows.map((r) => [Number(r.songId), r.cells.pos, r.cells.title, r.cells.regions, r.cells.first]),
    board.songs.map((s) => [s.song_id, shown(s.pos), s.title, shown(s.regions), s.first]),
  );
  const checkMap = async (songId) => {
    const song = await api(`/api/songs/${songId}`);
    const fam = song.regions.find((f) => f.family === 'spotify-weekly');
    const want = fam.regions.map((r) => r.region).filter((r) => r !== 'global').sort();
    await page.waitForSelector('[data-testid="regions-map"] path');
    const paths = await page.locator('[data-testid="regions-map"] path').count();
    assert.ok(paths > 100, `the map drew the countries (${paths} paths)`);
    const filled = await page.$$eval('[data-testid="regions-map"] .filled[data-no1="true"]', (els) => els.map((e) => e.dataset.cc).sort());
    assert.deepEqual(filled, want, 'the countries filled are its No. 1 regions');
    const listed = await page.$$eval('[data-testid="song-region"]', (els) => els.map((e) => e.dataset.region));
    assert.deepEqual(listed, fam.regions.map((r) => r.region), 'every region listed, global too');
    assert.equal(await page.textContent('[data-testid="song-region-count"]'), `No. 1 in ${fam.regions.length} of 61 regions`);
    // The stored charts where it was not No. 1 are told apart from the rest.
    const { charts } = await api('/api/charts');
    const stored = charts.filter((c) => c.provider === 'spotify' && c.cadence === 'weekly' && c.periods_stored > 0 && c.region !== 'global').map((c) => c.region);
    const light = await page.$$eval('[data-testid="regions-map"] .filled[data-no1="false"]', (els) => els.map((e) => e.dataset.cc).sort());
    assert.deepEqual(light, stored.filter((r) => !want.includes(r)).sort());
  };
  await checkMap(board.songs[0].song_id);
  await checkCoverage();
  await noNull();
  await shot('regions');
  const alpha = board.songs.find((s) => s.title === 'Alpha');
  await page.click(`[data-testid="regions-row"][data-song-id="${alpha.song_id}"] [data-testid="title"] a`);
  await page.waitForURL(new RegExp(`song=${alpha.song_id}`));
  await ready();
  await checkMap(alpha.song_id);
  assert.equal(await page.getAttribute('[data-testid="regions-map"] .filled[data-cc="jp"]', 'data-name'), 'Japan');
  await shot('regions-alpha');
});

step('sales: a release’s windows per provider and its certifications', async () => {
  await goto('/sales');
  const certs = await api('/api/certs');
  assert.equal(await page.locator('[data-testid="cert-row"]').count(), certs.certs.length);
  await page.fill('[data-testid="sales-input"]', 'Dawn');
  await page.press('[data-testid="sales-input"]', 'Enter');
  await page.waitForURL(/release=Dawn/);
  await ready();
  const sales = await api('/api/sales/Dawn');
  const rows = await tableCells('[data-testid="sales-window"]');
  const providers = [...new Set(sales.windows.map((w) => w.provider))];
  // Grouped by provider, in the API's order within each.
  const want = providers.flatMap((p) => sales.windows.filter((w) => w.provider === p));
  assert.deepEqual(
    rows.map((r) => [r.provider, r.cells.window, r.cells.from, r.cells.to, r.cells.days, r.cells.units]),
    want.map((w) => [w.provider, w.window, shown(w.from), shown(w.to), shown(w.days), shown(w.units)]),
  );
  const mine = await api('/api/certs?release=Dawn');
  assert.deepEqual(
    (await tableCells('[data-testid="cert-row"]')).map((r) => [r.cells.reached, r.cells.title, r.cells.threshold, r.cells.total]),
    mine.certs.map((c) => [c.reached, c.title, shown(c.threshold), shown(c.total)]),
  );
  await noNull();
  await shot('sales-dawn');
});

step('news: filtered by kind, chart (grouped by provider) and artist, as the API', async () => {
  await goto('/news');
  const kinds = await page.$$eval('[data-testid="news-kind"] option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(kinds, ['debut', 'no1', 'reentry', 'peak', 'milestone', 'record', 'allkill', 'regions', 'certification', 'sales']);
  const { charts } = await api('/api/charts');
  const stored = charts.filter((c) => c.periods_stored > 0);
  const groups = await page.$$eval('[data-testid="news-chart"] optgroup', (gs) => gs.map((g) => [g.label, g.querySelectorAll('option').length]));
  assert.deepEqual(groups.map(([, n]) => n).reduce((a, b) => a + b, 0), stored.length, 'one option per stored chart');
  assert.equal(groups.length, new Set(stored.map((c) => c.provider)).size, 'one group per provider');

  const check = async (qs) => {
    const news = await api(`/api/news?limit=50&${qs}`);
    const texts = await page.$$eval('[data-testid="news-list"] [data-testid="news-text"]', (els) => els.map((el) => el.textContent));
    assert.deepEqual(texts, news.events.map((e) => e.text), qs);
  };
  await page.selectOption('[data-testid="news-kind"]', 'allkill');
  await page.waitForURL(/kind=allkill/);
  await ready();
  await check('kind=allkill');
  await page.selectOption('[data-testid="news-chart"]', 'melon-realtime');
  await page.waitForURL(/chart=melon-realtime/);
  await ready();
  await check('kind=allkill&chart=melon-realtime');
  await page.fill('[data-testid="news-artist"]', 'BLACKPINK');
  await page.press('[data-testid="news-artist"]', 'Enter');
  await page.waitForURL(/artist=BLACKPINK/);
  await ready();
  await check('kind=allkill&chart=melon-realtime&artist=BLACKPINK');
  await noNull();
  await goto('/news?kind=no1');
  await check('kind=no1');
  await checkCoverage();
  await shot('news-filtered');
});

step('at 390 px wide no page scrolls sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    for (const p of PAGES) {
      await goto(p);
      await page.waitForTimeout(100);
      const { over, culprits } = await overflow();
      assert.ok(over <= 0, `${p} scrolls sideways by ${over} px at 390 px: ${culprits.join('; ')}`);
      await shot(`phone-${p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 40)}`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

step('no script error on any page', async () => {
  assert.deepEqual(pageErrors, []);
});

stopsCleanly();
