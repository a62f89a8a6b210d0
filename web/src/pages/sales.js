// The sales page (docs/sales.md): a release's sales windows per provider
// (first day, first week, months, cumulative), as `kchart sales RELEASE`,
// and the certifications reached (`kchart certs`). The release is chosen by
// key or title; the certified releases are offered to pick from.
import { append, h, table } from '../dom.js';
import { api, seg, ApiError } from '../api.js';
import { num, text } from '../format.js';
import { artistLink } from '../links.js';
import { chartInfo, coverageNote } from '../coverage.js';

function certRow(c) {
  return h(
    'tr',
    { 'data-testid': 'cert-row' },
    h('td', { 'data-testid': 'award' }, `${c.certifier} ${c.award}`),
    h('td', { class: 'date', 'data-testid': 'reached' }, text(c.reached)),
    h('td', { 'data-testid': 'title' }, h('a', { href: `/sales?release=${encodeURIComponent(c.title)}` }, c.title)),
    h('td', { 'data-testid': 'artist' }, artistLink(c.artist)),
    h('td', { class: 'num', 'data-testid': 'threshold' }, num(c.threshold)),
    h('td', { 'data-testid': 'metric' }, text(c.metric)),
    h('td', { class: 'num', 'data-testid': 'total' }, num(c.total)),
  );
}

export async function salesPage(view, ctx) {
  ctx.title('Sales');
  const release = ctx.query.get('release') || '';
  const [charts, certs] = await Promise.all([chartInfo(ctx.signal), api('/api/certs', null, ctx.signal)]);
  let sales = null;
  let missing = null;
  if (release) {
    try {
      sales = await api(`/api/sales/${seg(release)}`, null, ctx.signal);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      missing = err.message;
    }
  }
  const titles = [...new Set((certs.certs || []).map((c) => c.title))];
  const box = h('input', { type: 'search', name: 'release', value: release, placeholder: 'Release title or key', 'aria-label': 'Release', list: 'sales-releases', 'data-testid': 'sales-input' });
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        ctx.navigate(box.value.trim() ? `/sales?release=${encodeURIComponent(box.value.trim())}` : '/sales');
      },
    },
    box,
    h('datalist', { id: 'sales-releases' }, titles.map((t) => h('option', { value: t }))),
    h('button', { type: 'submit' }, 'Show'),
  );
  let windows = null;
  if (sales) {
    const providers = [...new Set(sales.windows.map((w) => w.provider))];
    windows = h(
      'section',
      { class: 'panel', 'data-testid': 'sales-release' },
      h('h2', { 'data-testid': 'sales-title' }, sales.release),
      providers.map((p) =>
        h(
          'div',
          { 'data-testid': 'sales-provider', 'data-provider': p },
          h('h3', null, p.charAt(0).toUpperCase() + p.slice(1)),
          h(
            'div',
            { class: 'scroll' },
            table(
              [{ label: 'Window' }, { label: 'Units', class: 'num' }, { label: 'From' }, { label: 'To' }, { label: 'Days', class: 'num' }, { label: 'Note' }],
              sales.windows
                .filter((w) => w.provider === p)
                .map((w) =>
                  h(
                    'tr',
                    { 'data-testid': 'sales-window', 'data-provider': p },
                    h('td', { 'data-testid': 'window' }, w.window),
                    h('td', { class: 'num', 'data-testid': 'units' }, num(w.units)),
                    h('td', { class: 'date', 'data-testid': 'from' }, text(w.from)),
                    h('td', { class: 'date', 'data-testid': 'to' }, text(w.to)),
                    h('td', { class: 'num', 'data-testid': 'days' }, num(w.days)),
                    h('td', { class: 'wrap', 'data-testid': 'note' }, text(w.note)),
                  ),
                ),
              { class: 'data' },
            ),
          ),
        ),
      ),
    );
  }
  const shownCerts = sales ? (await api('/api/certs', { release }, ctx.signal)).certs || [] : certs.certs || [];
  append(view, [
    h('div', { class: 'page-head' }, h('h1', null, 'Sales'), h('span', { class: 'meta' }, 'first day, first week and months of a release, by provider')),
    form,
    missing ? h('p', { class: 'notice', 'data-testid': 'sales-missing' }, missing) : null,
    windows,
    !release ? h('p', { class: 'muted' }, 'Choose a release: its windows at Hanteo, Circle, Oricon and Luminate, each in its own time zone and week.') : null,
    h(
      'section',
      { class: 'panel' },
      h('h2', null, release && sales ? 'Its certifications' : 'Certifications reached'),
      shownCerts.length
        ? h('div', { class: 'scroll' }, table([{ label: 'Award' }, { label: 'Reached' }, { label: 'Release or song' }, { label: 'Artist' }, { label: 'Threshold', class: 'num' }, { label: 'Counted in' }, { label: 'Total', class: 'num' }], shownCerts.map(certRow), { class: 'data', 'data-testid': 'certs' }))
        : h('p', { class: 'muted', 'data-testid': 'no-certs' }, 'No certification reached.'),
    ),
    coverageNote(charts, null),
  ]);
}
