// The news page: what is new on the stored charts (a song reaching No. 1, a
// debut in the top 10, an All-Kill, a tenth region at No. 1), newest period
// first, optionally for one chart.
import { h } from '../dom.js';
import { api } from '../api.js';
import { num } from '../format.js';
import { chartLink, moreButton, songHref } from '../links.js';

const KIND_LABELS = { no1: 'No. 1', debut: 'Debut', allkill: 'All-Kill', regions: 'Regions', milestone: 'Milestone' };

/** One event as a list item; `names` maps chart ids to chart names. */
export function eventItem(event, names) {
  return h(
    'li',
    { class: 'event', 'data-testid': 'news-event', 'data-kind': event.kind, 'data-song-id': event.song_id },
    h('span', { class: `badge kind-${event.kind}` }, KIND_LABELS[event.kind] || event.kind),
    h(
      'div',
      { class: 'event-body' },
      // An artist's milestone (followers) has no song.
      event.song_id ? h('a', { href: songHref(event.song_id), 'data-testid': 'news-text' }, event.text) : h('span', { 'data-testid': 'news-text' }, event.text),
      // An All-Kill belongs to a set of charts, not to one.
      h('div', { class: 'meta' }, event.chart ? chartLink(event.chart, (names && names.get(event.chart)) || event.chart, { period: event.period }) : event.kind === 'milestone' ? 'Milestone' : 'Korean charts', ' · ', event.period),
    ),
  );
}

export async function newsPage(view, ctx) {
  ctx.title('News');
  const chart = ctx.query.get('chart') || null;
  const [charts, news] = await Promise.all([api('/api/charts', null, ctx.signal), api('/api/news', { limit: 50, chart }, ctx.signal)]);
  const names = new Map((charts.charts || []).map((c) => [c.id, c.name]));
  const stored = (charts.charts || []).filter((c) => c.periods_stored > 0);

  const select = h(
    'select',
    {
      'aria-label': 'Chart',
      'data-testid': 'news-chart',
      onchange: () => ctx.navigate(select.value ? `/news?chart=${encodeURIComponent(select.value)}` : '/news'),
    },
    h('option', { value: '' }, 'All charts'),
    stored.map((c) => h('option', { value: c.id, selected: c.id === chart }, c.name || c.id)),
  );
  const list = h('ul', { class: 'news', 'data-testid': 'news-list' }, (news.events || []).map((e) => eventItem(e, names)));
  const more = moreButton(news.next, async (url) => {
    const page = await api(url);
    list.append(...(page.events || []).map((e) => eventItem(e, names)));
    return page.next;
  });
  view.append(
    h('div', { class: 'page-head' }, h('h1', null, 'News'), h('div', { class: 'tools' }, select, h('a', { href: '/feed.atom', 'data-external': true }, 'Atom feed'))),
    h('p', { class: 'meta', 'data-testid': 'news-total' }, `${num(news.total)} events`),
    news.events && news.events.length ? list : h('p', { class: 'muted' }, 'Nothing new yet.'),
    more,
  );
}
