// An artist page: the songs and albums its credits name (the artist found by
// name or alias, as `kchart artist` finds it), as lead or featured, by debut.
import { h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { num, text } from '../format.js';
import { artistLink, moreButton, songLink } from '../links.js';

function songRow(song) {
  return h(
    'tr',
    { 'data-testid': 'artist-song', 'data-song-id': song.id },
    h('td', { 'data-testid': 'title' }, songLink(song.id, song.title)),
    h('td', { 'data-testid': 'artist' }, artistLink(song.artist)),
    h('td', { class: 'num', 'data-testid': 'charts' }, num(song.charts)),
    h('td', { class: 'num', 'data-testid': 'best_peak' }, num(song.best_peak)),
    h('td', { class: 'num', 'data-testid': 'periods' }, num(song.periods)),
    h('td', { class: 'date', 'data-testid': 'debut' }, text(song.debut)),
  );
}

export async function artistPage(view, ctx) {
  const name = ctx.params[0];
  ctx.title(name);
  const answer = await api(`/api/artists/${seg(name)}`, { limit: 100 }, ctx.signal);
  const headers = [
    { label: 'Title' },
    { label: 'Credit' },
    { label: 'Charts', class: 'num' },
    { label: 'Best peak', class: 'num' },
    { label: 'Periods', class: 'num', title: 'Periods on chart, all charts together' },
    { label: 'Debut' },
  ];
  const songs = answer.songs || [];
  const body = table(headers, songs.map(songRow), { class: 'data', 'data-testid': 'artist-songs' });
  const more = moreButton(answer.next, async (url) => {
    const page = await api(url);
    body.tBodies[0].append(...(page.songs || []).map(songRow));
    return page.next;
  });
  view.append(
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'artist-name' }, (answer.artist && answer.artist.name) || name), h('span', { class: 'meta', 'data-testid': 'artist-total' }, `${num(answer.total)} songs credited`)),
    songs.length ? body : h('p', { class: 'muted' }, 'No stored song is credited to this name.'),
    more,
  );
}
