// The home page: search (songs and credits, in any script), the latest Hot
// 100, the Korean charts' latest day and week (a per-song archive marked
// partial, never shown as a whole chart), the latest news and the charts
// that have stored periods.
import { h } from '../dom.js';
import { api } from '../api.js';
import { movement, num, plural, text } from '../format.js';
import { artistLink, chartLink, songLink } from '../links.js';
import { eventItem } from './news.js';
import { countryName } from '../map.js';

// One hit of the search by any name (kchart search): a song or album, linked
// to its page, or an artist, linked to the songs credited to it; with the
// alias that matched ("뚜두뚜두") and the credit, and nothing for a field the
// API leaves null (an artist has no peak).
function hitItem(hit) {
  const link =
    hit.kind === 'artist'
      ? artistLink(hit.name, { class: 'result-title' })
      : songLink(hit.id, hit.name, { class: 'result-title' });
  const meta = [];
  if (hit.kind !== 'artist' && hit.peak !== null && hit.peak !== undefined) meta.push(`peak ${text(hit.peak)}`);
  if (hit.kind !== 'artist' && hit.charts) meta.push(plural(hit.charts, 'chart'));
  return h(
    'li',
    { 'data-testid': 'search-hit', 'data-kind': hit.kind, 'data-id': hit.id, 'data-name': hit.name },
    h('span', { class: 'kind' }, hit.kind),
    ' ',
    link,
    hit.alias ? h('span', { class: 'muted', 'data-testid': 'search-hit-alias' }, ` (${hit.alias})`) : null,
    hit.credit ? h('span', { class: 'muted' }, ` – ${hit.credit}`) : null,
    meta.length ? h('span', { class: 'meta' }, meta.join(' · ')) : null,
  );
}

function searchResults(box, answer) {
  const songs = answer.songs || [];
  const artists = answer.artists || [];
  const hits = answer.hits || [];
  if (!songs.length && !artists.length && !hits.length) {
    box.replaceChildren(h('p', { class: 'muted', 'data-testid': 'search-empty' }, `Nothing matches “${answer.query}”.`));
    return;
  }
  // replaceChildren() writes a null as the text "null": only the sections
  // there are.
  const sections = [
    hits.length
      ? h(
          'section',
          { class: 'results' },
          h('h3', null, `By name: ${plural(hits.length, 'match', 'matches')}`),
          h('ul', { class: 'result-list', 'data-testid': 'search-hits' }, hits.map(hitItem)),
        )
      : null,
    songs.length
      ? h(
          'section',
          { class: 'results' },
          h('h3', null, plural(songs.length, 'song')),
          h(
            'ul',
            { class: 'result-list' },
            songs.map((song) =>
              h(
                'li',
                { 'data-testid': 'search-song', 'data-song-id': song.id },
                songLink(song.id, song.title, { class: 'result-title' }),
                ' ',
                h('span', { class: 'muted' }, '– '),
                artistLink(song.artist),
                h('span', { class: 'meta' }, `peak ${text(song.best_peak)} · ${plural(song.charts, 'chart')}`),
              ),
            ),
          ),
        )
      : null,
    artists.length
      ? h(
          'section',
          { class: 'results' },
          h('h3', null, plural(artists.length, 'credit')),
          h(
            'ul',
            { class: 'result-list' },
            artists.map((artist) =>
              h(
                'li',
                { 'data-testid': 'search-artist', 'data-name': artist.name },
                artistLink(artist.name, { class: 'result-title' }),
                h('span', { class: 'meta' }, plural(artist.songs, 'song')),
              ),
            ),
          ),
        )
      : null,
  ];
  box.replaceChildren(...sections.filter(Boolean));
}

function searchSection(ctx) {
  const input = h('input', {
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'A title or an artist, in Latin or Hangul',
    'aria-label': 'Search songs and artists',
    'data-testid': 'search-input',
  });
  const results = h('div', { class: 'search-results', 'data-testid': 'search-results', 'data-state': 'idle', 'aria-live': 'polite' });
  let seq = 0;
  let timer = null;
  let inflight = null;

  async function run(query) {
    clearTimeout(timer);
    const q = query.trim();
    const mine = ++seq;
    if (inflight) inflight.abort();
    const url = q ? `/?q=${encodeURIComponent(q)}` : '/';
    if (window.location.pathname === '/' && window.location.pathname + window.location.search !== url) window.history.replaceState(null, '', url);
    if (!q) {
      results.replaceChildren();
      results.dataset.state = 'idle';
      results.dataset.query = '';
      return;
    }
    inflight = new AbortController();
    results.dataset.state = 'loading';
    try {
      const answer = await api('/api/search', { q, limit: 20 }, inflight.signal);
      if (mine !== seq) return;
      searchResults(results, answer);
      results.dataset.query = q;
      results.dataset.state = 'ready';
    } catch (err) {
      if (mine !== seq || err.name === 'AbortError') return;
      results.replaceChildren(h('p', { class: 'error' }, err.message));
      results.dataset.query = q;
      results.dataset.state = 'error';
    }
  }

  input.addEventListener('input', () => {
    // Not while an input method is still composing a Hangul syllable.
    if (input.dataset.composing) return;
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  input.addEventListener('compositionstart', () => {
    input.dataset.composing = '1';
  });
  input.addEventListener('compositionend', () => {
    delete input.dataset.composing;
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  ctx.cleanups.push(() => {
    clearTimeout(timer);
    if (inflight) inflight.abort();
  });

  const form = h(
    'form',
    {
      role: 'search',
      class: 'search',
      'data-testid': 'search-form',
      onsubmit: (event) => {
        event.preventDefault();
        run(input.value);
      },
    },
    input,
    h('button', { type: 'submit' }, 'Search'),
  );
  const initial = ctx.query.get('q');
  if (initial) {
    input.value = initial;
    ctx.mounted.push(() => run(initial));
  }
  ctx.mounted.push(() => input.focus());
  return h('section', { class: 'panel' }, form, results);
}

/** A chart's family on the list: Spotify's country charts fold into one row. */
const isCountryChart = (c) => c.provider === 'spotify' && c.region && c.region !== 'global';

/**
 * The stored charts, compactly: a row a chart, but a chart family of many
 * countries (Spotify's) one row with its countries as links, so that fifty
 * countries do not bury the rest. Charts of the compile demo and other
 * generated ones are not here unless stored: only what the store holds.
 */
function chartsSection(charts) {
  const stored = charts.filter((c) => c.periods_stored > 0);
  const rest = charts.length - stored.length;
  const single = stored.filter((c) => !isCountryChart(c));
  const families = new Map();
  for (const c of stored.filter(isCountryChart)) {
    const key = `${c.provider}-${c.cadence}`;
    if (!families.has(key)) families.set(key, []);
    families.get(key).push(c);
  }
  const row = (c) =>
    h(
      'tr',
      { 'data-testid': 'chart-list-row', 'data-chart': c.id },
      h('td', null, chartLink(c.id, c.name || c.id), c.partial && c.partial === c.periods_stored ? h('span', { class: 'tag', title: 'The store holds only some songs of each period (a per-song archive)' }, 'partial') : null),
      h('td', null, text(c.cadence)),
      h('td', { class: 'num', 'data-testid': 'periods-stored' }, num(c.periods_stored)),
      h('td', { class: 'date', 'data-testid': 'latest' }, c.latest ? chartLink(c.id, c.latest, { period: c.latest }) : text(null)),
    );
  return h(
    'section',
    { class: 'panel' },
    h('h2', null, 'Charts'),
    stored.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'data compact', 'data-testid': 'chart-list' },
            h('thead', null, h('tr', null, h('th', null, 'Chart'), h('th', null, 'Cadence'), h('th', { class: 'num' }, 'Periods'), h('th', { class: 'date' }, 'Latest'))),
            h(
              'tbody',
              null,
              single.map(row),
              [...families].map(([key, list]) =>
                h(
                  'tr',
                  { 'data-testid': 'chart-family-row', 'data-family': key, 'data-charts': list.length },
                  h(
                    'td',
                    { colspan: 4 },
                    h('strong', null, `${list[0].provider === 'spotify' ? 'Spotify' : list[0].provider} ${list[0].cadence}, ${plural(list.length, 'country', 'countries')}: `),
                    h(
                      'span',
                      { class: 'country-links' },
                      [...list]
                        .sort((a, b) => countryName(a.region).localeCompare(countryName(b.region)))
                        .map((c, i) => [i ? ', ' : '', h('span', { 'data-testid': 'chart-list-row', 'data-chart': c.id }, chartLink(c.id, countryName(c.region)))]),
                    ),
                    h('div', { class: 'meta' }, `${list[0].first} to ${list[0].latest}`),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No chart has stored periods yet: ingest some with kchart ingest.'),
    rest > 0 ? h('p', { class: 'meta' }, `${plural(rest, 'more chart')} in the registry with nothing stored.`) : null,
  );
}

/**
 * The first entries of a chart's latest period, as a short list. A period
 * the store holds only some songs of (a per-song archive) is marked as
 * such, with the count it holds, and never looks like the chart's top.
 */
function topNow(chart, answer, testid) {
  const partial = chart.partial > 0 && answer.total < (chart.size || Infinity);
  return h(
    'section',
    { class: `panel top-now${partial ? ' partial' : ''}`, 'data-testid': testid, 'data-chart': chart.id, 'data-period': answer.period, 'data-partial': partial ? 'true' : 'false' },
    h(
      'h2',
      null,
      chartLink(chart.id, chart.name || chart.id),
      h('span', { class: 'meta' }, ' ', chartLink(chart.id, answer.period, { period: answer.period })),
    ),
    partial
      ? h('p', { class: 'meta', 'data-testid': 'partial-note' }, h('span', { class: 'tag' }, 'partial'), ` the store holds ${plural(answer.total, 'song')} of this ${chart.size ? `top ${num(chart.size)}` : 'chart'} here, not the whole chart:`)
      : null,
    h(
      'ol',
      { class: 'top-list' },
      (answer.entries || []).map((entry) => {
        const move = movement(entry.move, entry.change);
        return h(
          'li',
          { 'data-song-id': entry.song_id, 'data-rank': entry.rank },
          h('span', { class: 'top-rank' }, num(entry.rank)),
          h('span', { class: `move ${move.cls}`, title: move.label }, move.symbol),
          h('span', { class: 'top-song' }, songLink(entry.song_id, entry.title), h('span', { class: 'meta' }, ' ', text(entry.artist))),
        );
      }),
    ),
  );
}

/** The Korean charts of the home page: daily, then weekly; by provider. */
const KOREAN_ORDER = ['melon', 'genie', 'bugs', 'flo', 'vibe', 'circle', 'spotify', 'hanteo'];

export async function homePage(view, ctx) {
  ctx.title('');
  const [charts, news] = await Promise.all([api('/api/charts', null, ctx.signal), api('/api/news', { limit: 8 }, ctx.signal)]);
  const all = charts.charts || [];
  const names = new Map(all.map((c) => [c.id, c.name]));
  // The latest Hot 100 first; then the Korean charts' latest day and week
  // (not their hourly charts, whose latest hour of a per-song archive shows
  // one song at an odd rank).
  const hot100 = all.find((c) => c.id === 'billboard-hot-100' && c.periods_stored > 0);
  const korean = all
    .filter((c) => c.region === 'kr' && c.periods_stored > 0 && (c.cadence === 'daily' || c.cadence === 'weekly'))
    .sort((a, b) => (a.cadence === b.cadence ? 0 : a.cadence === 'daily' ? -1 : 1) || (KOREAN_ORDER.indexOf(a.provider) + 1 || 99) - (KOREAN_ORDER.indexOf(b.provider) + 1 || 99) || a.id.localeCompare(b.id));
  const [top, ...krTops] = await Promise.all([
    hot100 ? api(`/api/charts/${encodeURIComponent(hot100.id)}`, { limit: 10 }, ctx.signal) : null,
    ...korean.map((c) => api(`/api/charts/${encodeURIComponent(c.id)}`, { limit: 5 }, ctx.signal)),
  ]);
  view.append(
    h('h1', { class: 'visually-hidden' }, 'kchart'),
    searchSection(ctx),
    h(
      'div',
      { class: 'columns home-columns' },
      h(
        'div',
        null,
        hot100 ? topNow(hot100, top, 'top-hot100') : null,
        korean.length
          ? h(
              'section',
              { class: 'korean', 'data-testid': 'korean-charts' },
              h('h2', null, 'Korean charts, latest day and week'),
              h('div', { class: 'top-grid' }, korean.map((c, i) => topNow(c, krTops[i], 'top-korean'))),
            )
          : null,
      ),
      h(
        'div',
        null,
        h(
          'section',
          { class: 'panel' },
          h('h2', null, 'Latest news'),
          news.events && news.events.length
            ? h('ul', { class: 'news', 'data-testid': 'latest-news' }, news.events.map((e) => eventItem(e, names)))
            : h('p', { class: 'muted' }, 'Nothing new yet.'),
          h('p', null, h('a', { href: '/news' }, 'All news →')),
        ),
        chartsSection(all),
      ),
    ),
  );
}
