// The news page: what is new on the stored charts (a song reaching No. 1, a
// debut in the top 10, an All-Kill, a tenth region at No. 1, a milestone, a
// record, a certification...), newest period first, filtered by kind, by
// chart (picked by provider) and by artist: the filters are the query
// parameters of /api/news and of this page's URL alike.
import { append, h } from '../dom.js';
import { api } from '../api.js';
import { num } from '../format.js';
import { chartLink, moreButton, songHref } from '../links.js';
import { chartInfo, coverageNote } from '../coverage.js';

export const KINDS = [
  ['debut', 'Debut'],
  ['no1', 'No. 1'],
  ['reentry', 'Re-entry'],
  ['peak', 'New peak'],
  ['milestone', 'Milestone'],
  ['record', 'Record'],
  ['allkill', 'All-Kill'],
  ['regions', 'Regions'],
  ['certification', 'Certification'],
  ['sales', 'Sales'],
];
const KIND_LABELS = Object.fromEntries(KINDS);
const NO_CHART = { allkill: 'Korean charts', milestone: 'Milestone', record: 'Record', certification: 'Certification', sales: 'Sales', regions: 'Regions' };

/** One event as a list item; `names` maps chart ids to chart names. */
export function eventItem(event, names) {
  return h(
    'li',
    { class: 'event', 'data-testid': 'news-event', 'data-kind': event.kind, 'data-song-id': event.song_id },
    h('span', { class: `badge kind-${event.kind}` }, KIND_LABELS[event.kind] || event.kind),
    h(
      'div',
      { class: 'event-body' },
      // An artist's milestone (followers) or a release's certification has no song.
      event.song_id ? h('a', { href: songHref(event.song_id), 'data-testid': 'news-text' }, event.text) : h('span', { 'data-testid': 'news-text' }, event.text),
      // An All-Kill belongs to a set of charts, not to one.
      h('div', { class: 'meta' }, event.chart ? chartLink(event.chart, (names && names.get(event.chart)) || event.chart, { period: event.period }) : NO_CHART[event.kind] || '', ' · ', event.period),
    ),
  );
}

/** A <select> of the stored charts, one <optgroup> per provider. */
export function chartPicker(charts, selected, props) {
  const stored = [...charts.values()].filter((c) => c.periods_stored > 0);
  const providers = [...new Set(stored.map((c) => c.provider))].sort();
  return h(
    'select',
    props,
    h('option', { value: '' }, 'All charts'),
    providers.map((p) =>
      h(
        'optgroup',
        { label: p.charAt(0).toUpperCase() + p.slice(1) },
        stored
          .filter((c) => c.provider === p)
          .sort((a, b) => String(a.name).localeCompare(String(b.name)))
          .map((c) => h('option', { value: c.id, selected: c.id === selected }, c.name || c.id)),
      ),
    ),
  );
}

export async function newsPage(view, ctx) {
  ctx.title('News');
  const filter = { kind: ctx.query.get('kind') || null, chart: ctx.query.get('chart') || null, artist: ctx.query.get('artist') || null };
  const [charts, news] = await Promise.all([chartInfo(ctx.signal), api('/api/news', { limit: 50, ...filter }, ctx.signal)]);
  const names = new Map([...charts.values()].map((c) => [c.id, c.name]));

  const go = (change) => {
    const next = { ...filter, ...change };
    const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    ctx.navigate(`/news${qs.toString() ? `?${qs}` : ''}`);
  };
  const kind = h(
    'select',
    { 'aria-label': 'Kind', 'data-testid': 'news-kind', onchange: () => go({ kind: kind.value }) },
    h('option', { value: '' }, 'All kinds'),
    KINDS.map(([k, label]) => h('option', { value: k, selected: k === filter.kind }, label)),
  );
  const chart = chartPicker(charts, filter.chart, { 'aria-label': 'Chart', 'data-testid': 'news-chart', onchange: () => go({ chart: chart.value }) });
  const artist = h('input', { type: 'search', placeholder: 'Artist', 'aria-label': 'Artist', 'data-testid': 'news-artist', value: filter.artist || '' });
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        go({ artist: artist.value.trim() });
      },
    },
    kind,
    chart,
    artist,
    h('button', { type: 'submit' }, 'Filter'),
  );

  const list = h('ul', { class: 'news', 'data-testid': 'news-list' }, (news.events || []).map((e) => eventItem(e, names)));
  const more = moreButton(news.next, async (url) => {
    const page = await api(url);
    list.append(...(page.events || []).map((e) => eventItem(e, names)));
    return page.next;
  });
  const feed = new URLSearchParams(filter.chart ? { chart: filter.chart } : {});
  append(view, [
    h('div', { class: 'page-head' }, h('h1', null, 'News'), h('div', { class: 'tools' }, h('a', { href: `/feed.atom${feed.toString() ? `?${feed}` : ''}`, 'data-external': true }, 'Atom feed'))),
    form,
    h('p', { class: 'meta', 'data-testid': 'news-total' }, `${num(news.total)} events`),
    news.events && news.events.length ? list : h('p', { class: 'muted', 'data-testid': 'news-empty' }, 'Nothing matches these filters.'),
    more,
    coverageNote(charts, filter.chart ? [filter.chart] : null),
  ]);
}
