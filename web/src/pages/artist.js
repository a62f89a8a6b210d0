// An artist page: the artist found by name, alias (any script) or id, as
// `kchart artist` finds it: its aliases, members or groups with dates, the
// catalog's releases by kind, its figures on each chart in the chart's own
// unit (weeks, days, hours), the milestones its songs crossed, the records
// the news says it holds, and its songs and albums, as lead or featured, by
// debut. What the store holds of those charts is said below them.
import { append, h, table } from '../dom.js';
import { api, seg } from '../api.js';
import { num, periodLabel, text } from '../format.js';
import { artistHref, artistLink, chartLink, moreButton, songHref, songLink } from '../links.js';
import { chartInfo, coverageNote, periodsIn } from '../coverage.js';

const KIND_NAMES = { album: 'Albums', repackage: 'Repackages', ep: 'EPs', single: 'Singles', mixtape: 'Mixtapes', ost: 'OSTs' };

function songRow(song) {
  return h(
    'tr',
    { 'data-testid': 'artist-song', 'data-song-id': song.id },
    h('td', { 'data-testid': 'title' }, songLink(song.id, song.title)),
    h('td', { 'data-testid': 'artist' }, artistLink(song.artist)),
    h('td', { class: 'num', 'data-testid': 'charts' }, num(song.charts)),
    h('td', { class: 'num', 'data-testid': 'best_peak' }, num(song.best_peak)),
    h('td', { class: 'date', 'data-testid': 'debut' }, periodLabel(song.debut)),
  );
}

/** "since 2016-08-08", "2016-08-08 to 2020-01-01" */
function dates(since, until) {
  if (since && until) return `${since} to ${until}`;
  if (since) return `since ${since}`;
  if (until) return `until ${until}`;
  return '';
}

function membersBlock(members) {
  if (!members.length) return null;
  const groups = members.filter((m) => m.role === 'group');
  const own = members.filter((m) => m.role === 'member');
  const item = (m) =>
    h('li', { 'data-testid': 'member', 'data-role': m.role, 'data-name': m.name }, h('a', { href: artistHref(m.name) }, m.name), ' ', h('span', { class: 'meta', 'data-testid': 'member-dates' }, dates(m.since, m.until)));
  return h(
    'div',
    { class: 'artist-people' },
    own.length ? h('div', null, h('h3', null, 'Members'), h('ul', { class: 'plain' }, own.map(item))) : null,
    groups.length ? h('div', null, h('h3', null, 'Member of'), h('ul', { class: 'plain' }, groups.map(item))) : null,
  );
}

function releasesBlock(releases) {
  if (!releases.length) return h('p', { class: 'muted' }, 'The catalog lists no release of this artist.');
  const kinds = [...new Set(releases.map((r) => r.kind))];
  return h(
    'div',
    { class: 'release-kinds' },
    kinds.map((kind) =>
      h(
        'div',
        { 'data-testid': 'release-kind', 'data-kind': kind },
        h('h3', null, `${KIND_NAMES[kind] || kind} (${releases.filter((r) => r.kind === kind).length})`),
        h(
          'ul',
          { class: 'plain' },
          releases
            .filter((r) => r.kind === kind)
            .map((r) =>
              h(
                'li',
                { 'data-testid': 'release', 'data-key': r.key },
                h('a', { href: `/sales?release=${encodeURIComponent(r.key)}`, 'data-testid': 'release-title' }, r.title),
                ' ',
                h('span', { class: 'meta', 'data-testid': 'release-date' }, String(r.released || '').slice(0, 10)),
              ),
            ),
        ),
      ),
    ),
  );
}

function totalsTable(totals, charts) {
  const headers = [
    { label: 'Chart' },
    { label: 'No. 1s', class: 'num', title: 'Songs and albums that reached No. 1' },
    { label: 'On the chart', class: 'num', title: 'Periods on the chart, all entries together, in the chart’s own unit' },
    { label: 'Top 10s', class: 'num' },
    { label: 'Entries', class: 'num', title: 'Songs and albums that charted' },
    { label: 'First' },
    { label: 'Last' },
  ];
  const rows = totals.map((t) => {
    const c = charts.get(t.chart) || {};
    return h(
      'tr',
      { 'data-testid': 'total-row', 'data-chart': t.chart },
      h('td', { 'data-testid': 'chart' }, chartLink(t.chart, c.name || t.chart)),
      h('td', { class: 'num', 'data-testid': 'no1s' }, num(t.no1s)),
      h('td', { class: 'num', 'data-testid': 'periods' }, periodsIn(t.periods, c.cadence)),
      h('td', { class: 'num', 'data-testid': 'top10s' }, num(t.top10s)),
      h('td', { class: 'num', 'data-testid': 'entries' }, num(t.entries)),
      h('td', { class: 'date', 'data-testid': 'first' }, periodLabel(t.first)),
      h('td', { class: 'date', 'data-testid': 'last' }, periodLabel(t.last)),
    );
  });
  return table(headers, rows, { class: 'data', 'data-testid': 'artist-totals' });
}

const WORDS = { youtube: 'YouTube', spotify: 'Spotify', instagram: 'Instagram', circle: 'Circle', tiktok: 'TikTok', melon: 'Melon' };

/** "spotify-streams" as "Spotify streams". */
export function sourceName(source) {
  return String(source)
    .split('-')
    .map((w, i) => WORDS[w] || (i ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/**
 * The milestones, newest first, one item per subject, source and day: marks
 * crossed on one day (a total first known past several marks, or a sparse
 * series) are one item, the highest mark, with how many lower ones it
 * carried ("listed once, not stacked").
 */
function milestoneItems(milestones) {
  const groups = new Map();
  for (const m of milestones) {
    const key = `${m.subject}\u0000${m.source}\u0000${m.date}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  return [...groups.values()]
    .map((ms) => ms.sort((a, b) => b.mark - a.mark))
    .sort((a, b) => String(b[0].date).localeCompare(String(a[0].date)) || b[0].mark - a[0].mark)
    .map((ms) => {
      const m = ms[0];
      const followers = /followers|subscribers/.test(m.source);
      const when = m.flag === 'open' ? `by ${m.date}` : m.flag === 'sparse' && m.from ? `between ${m.from} and ${m.date}` : `on ${m.date}`;
      const days = m.days !== null && m.days !== undefined ? ` · ${num(m.days)} days ${followers ? 'after joining' : 'from release'}` : '';
      return h(
        'li',
        { 'data-testid': 'milestone', 'data-mark': m.mark, 'data-source': m.source, 'data-marks': ms.length },
        h('span', { class: 'mark', 'data-testid': 'milestone-mark' }, num(m.mark)),
        ` ${sourceName(m.source)}: `,
        h('span', { 'data-testid': 'milestone-subject' }, m.subject),
        h('div', { class: 'meta' }, `${when}${days}${ms.length > 1 ? ` · and ${num(ms.length - 1)} lower ${ms.length === 2 ? 'mark' : 'marks'} then` : ''}`),
      );
    });
}

/** Whether a news event names the artist (its credit holds a name of it). */
function namesArtist(event, names) {
  const credit = String(event.artist || '').toLowerCase();
  return names.some((n) => n && credit.includes(n.toLowerCase()));
}

export async function artistPage(view, ctx) {
  const name = ctx.params[0];
  ctx.title(name);
  const [answer, charts] = await Promise.all([api(`/api/artists/${seg(name)}`, { limit: 100 }, ctx.signal), chartInfo(ctx.signal)]);
  const artist = answer.artist || { name };
  ctx.title(artist.name);
  const aliases = answer.aliases || [];
  const names = [artist.name, ...aliases.map((a) => a.alias)];
  // Records held: the news of kind "record" that names the artist.
  const news = await api('/api/news', { kind: 'record', artist: artist.name, limit: 1000 }, ctx.signal);
  const records = (news.events || []).filter((e) => e.kind === 'record' && namesArtist(e, names));

  const headers = [
    { label: 'Title' },
    { label: 'Credit' },
    { label: 'Charts', class: 'num' },
    { label: 'Best peak', class: 'num' },
    // No sum of periods across charts here: it would add hours, days and
    // weeks (each chart's own unit is in the table above).
    { label: 'Debut' },
  ];
  const songs = answer.songs || [];
  const body = table(headers, songs.map(songRow), { class: 'data', 'data-testid': 'artist-songs' });
  const more = moreButton(answer.next, async (url) => {
    const page = await api(url);
    body.tBodies[0].append(...(page.songs || []).map(songRow));
    return page.next;
  });
  const totals = answer.totals || [];
  const milestones = answer.milestones || [];
  const kind = [artist.kind && artist.kind !== 'other' ? artist.kind : null, artist.market ? artist.market.toUpperCase().replace('K-POP', 'K-pop') : null].filter(Boolean).join(' · ');

  append(view, [
    h(
      'div',
      { class: 'page-head song-head' },
      h('h1', { 'data-testid': 'artist-name' }, artist.name),
      aliases.length
        ? h('p', { class: 'aliases', 'data-testid': 'artist-aliases' }, 'Also: ', aliases.map((a, i) => [i ? ' · ' : '', h('span', { 'data-testid': 'alias', lang: /[\uac00-\ud7af]/.test(a.alias) ? 'ko' : null }, a.alias)]))
        : null,
      h('span', { class: 'meta', 'data-testid': 'artist-total' }, [kind, `${num(answer.total)} songs and albums credited`].filter(Boolean).join(' · ')),
    ),
    membersBlock(answer.members || []),
    h('section', { class: 'panel' }, h('h2', null, 'On each chart'), totals.length ? totalsTable(totals, charts) : h('p', { class: 'muted' }, 'Nothing credited to this artist has charted.'), coverageNote(charts, totals.map((t) => t.chart))),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'panel', 'data-testid': 'artist-releases' }, h('h2', null, 'Releases'), releasesBlock(answer.releases || [])),
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'Milestones'),
        milestones.length ? h('ul', { class: 'plain milestones', 'data-testid': 'artist-milestones' }, milestoneItems(milestones)) : h('p', { class: 'muted', 'data-testid': 'no-milestones' }, 'No stream or follower total of this artist is stored.'),
        h('h2', null, 'Records held'),
        records.length
          ? h('ul', { class: 'plain', 'data-testid': 'artist-records' }, records.map((e) => h('li', { 'data-testid': 'record-held' }, e.song_id ? h('a', { href: songHref(e.song_id) }, e.text) : e.text)))
          : h('p', { class: 'muted', 'data-testid': 'no-records' }, 'No record in the news names this artist.'),
      ),
    ),
    h('h2', null, 'Songs and albums'),
    songs.length ? body : h('p', { class: 'muted' }, 'No stored song is credited to this name.'),
    more,
  ]);
}
