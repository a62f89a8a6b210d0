// The regions page (docs/regions.md): songs by the number of regions of a
// family (Spotify's weekly charts of every country...) where they reached
// No. 1, and a world map of one song's No. 1s, each country filled by its
// weeks at No. 1 there and named (the global chart is listed, not drawn).
import { append, h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { num, text } from '../format.js';
import { artistLink, songLink } from '../links.js';
import { chartInfo, coverageNote, periodsIn } from '../coverage.js';
import { countryName, drawWorldMap } from '../map.js';

function qs(params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  return q.toString() ? `/regions?${q}` : '/regions';
}

const ACCENT = '#1f5fbf';
const STORED = '#b9cbe6';

/** The accent colour at strength t (0..1) over white, as #rrggbb. */
function shade(t) {
  const rgb = [1, 3, 5].map((i) => parseInt(ACCENT.slice(i, i + 2), 16));
  return `#${rgb.map((c) => Math.round(255 - (255 - c) * t).toString(16).padStart(2, '0')).join('')}`;
}

const regionName = (cc) => (cc === 'global' ? 'Global' : countryName(cc));

export async function regionsPage(view, ctx) {
  ctx.title('Regions');
  const filter = { family: ctx.query.get('family') || 'spotify-weekly', song: ctx.query.get('song') || null };
  const [charts, board] = await Promise.all([chartInfo(ctx.signal), api('/api/regions', { family: filter.family, limit: 50 }, ctx.signal)]);
  const family = (board.families || []).find((f) => f.family === filter.family);
  const familyCharts = [...charts.values()].filter((c) => family && c.provider === family.provider && c.cadence === family.cadence);
  const cadence = family ? family.cadence : 'weekly';

  const picker = h(
    'select',
    { 'aria-label': 'Family', 'data-testid': 'regions-family', onchange: () => ctx.navigate(qs({ family: picker.value })) },
    (board.families || []).map((f) => h('option', { value: f.family, selected: f.family === filter.family }, `${f.family} (${num(f.charts)} charts)`)),
  );
  const rows = (board.songs || []).map((r) =>
    h(
      'tr',
      { 'data-testid': 'regions-row', 'data-song-id': r.song_id, class: String(r.song_id) === filter.song ? 'selected' : null },
      h('td', { class: 'num', 'data-testid': 'pos' }, num(r.pos)),
      h('td', { 'data-testid': 'title' }, h('a', { href: qs({ ...filter, song: r.song_id }) }, r.title)),
      h('td', { 'data-testid': 'artist' }, artistLink(r.artist)),
      h('td', { class: 'num', 'data-testid': 'regions' }, num(r.regions)),
      h('td', { class: 'date', 'data-testid': 'first' }, text(r.first)),
      h('td', { class: 'wrap', 'data-testid': 'region_list' }, String(r.region_list || '').split(' ').filter(Boolean).map(regionName).join(', ')),
    ),
  );
  const headers = [{ label: '#', class: 'num' }, { label: 'Title' }, { label: 'Artist' }, { label: 'Regions at No. 1', class: 'num' }, { label: 'First No. 1' }, { label: 'Where' }];

  const songId = filter.song || (board.songs && board.songs[0] ? String(board.songs[0].song_id) : null);
  let mapBlock = null;
  if (songId) {
    const song = await api(`/api/songs/${seg(songId)}`, null, ctx.signal);
    const fam = (song.regions || []).find((f) => f.family === filter.family);
    const regions = fam ? fam.regions : [];
    // Filled: its No. 1s (by weeks at No. 1); light: a stored chart of the
    // family where it was not No. 1; grey: no chart stored there.
    const values = Object.fromEntries(familyCharts.filter((c) => c.periods_stored > 0 && c.region !== 'global').map((c) => [c.region, 0]));
    for (const r of regions) if (r.region !== 'global') values[r.region] = r.periods;
    const most = Math.max(1, ...regions.map((r) => r.periods));
    const holder = h('div', { class: 'map-holder', 'data-testid': 'regions-map-holder' });
    ctx.mounted.push(() => {
      drawWorldMap(holder, values, {
        label: `${song.song.title}: where it reached No. 1`,
        testid: 'regions-map',
        fill: (v) => (v > 0 ? shade(0.55 + (0.45 * v) / most) : STORED),
        title: (cc, name, v) => (v > 0 ? `${name}: ${periodsIn(v, cadence)} at No. 1` : `${name}: charted there, never No. 1`),
      });
      for (const node of holder.querySelectorAll('.filled')) node.setAttribute('data-no1', String(values[node.dataset.cc] > 0));
    });
    const key = h(
      'p',
      { class: 'map-key meta' },
      h('span', { class: 'swatch', style: `background:${ACCENT}` }),
      ' No. 1 (darker: more weeks) ',
      h('span', { class: 'swatch', style: `background:${STORED}` }),
      ' stored, not No. 1 ',
      h('span', { class: 'swatch', style: 'background:#dfe3e8' }),
      ' no chart stored',
    );
    const list = h(
      'ul',
      { class: 'plain region-list', 'data-testid': 'song-regions' },
      regions.map((r) =>
        h(
          'li',
          { 'data-testid': 'song-region', 'data-region': r.region },
          h('span', { class: 'name' }, regionName(r.region)),
          h('span', { class: 'meta' }, ` first ${r.first}, ${periodsIn(r.periods, cadence)} at No. 1`),
        ),
      ),
    );
    mapBlock = h(
      'section',
      { class: 'panel', 'data-testid': 'regions-song', 'data-song-id': songId },
      h('h2', null, songLink(song.song.id, song.song.title), ' ', h('span', { class: 'meta' }, song.song.artist), ': ', h('span', { 'data-testid': 'song-region-count' }, `No. 1 in ${num(regions.length)} of ${num(family ? family.charts : regions.length)} regions`), ' ', h('span', { class: 'meta' }, `(${num(familyCharts.filter((c) => c.periods_stored > 0).length)} stored)`)),
      holder,
      key,
      regions.length ? list : h('p', { class: 'muted' }, 'It reached No. 1 in no region of this family.'),
    );
  }
  append(view, [
    h('div', { class: 'page-head' }, h('h1', null, 'Regions'), h('div', { class: 'tools' }, picker)),
    h('p', { class: 'meta', 'data-testid': 'regions-total' }, `${num(board.total)} songs reached No. 1 in at least one region of ${filter.family}`),
    rows.length ? h('div', { class: 'scroll' }, table(headers, rows, { class: 'data', 'data-testid': 'regions-board' })) : h('p', { class: 'muted', 'data-testid': 'no-regions' }, 'No song of the store reached No. 1 in this family.'),
    mapBlock,
    coverageNote(charts, familyCharts.map((c) => c.id)),
  ]);
}
