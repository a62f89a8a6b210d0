// The records explorer (docs/records.md): choose a measure, a cohort and a
// question (most, first, fastest, only), get the sentence and the list
// behind it, as `kchart records` and /api/records answer them. The form is
// the URL's query (/records?measure=...), so an answer can be linked.
import { append, h, table } from '../dom.js';
import { api } from '../api.js';
import { num, text } from '../format.js';
import { artistLink } from '../links.js';
import { chartInfo, coverageNote } from '../coverage.js';
import { chartPicker } from './news.js';

const MEASURES = [
  ['spotify-streams', 'Spotify streams (total)'],
  ['youtube-views', 'YouTube views (total)'],
  ['circle-streams', 'Circle streams (total)'],
  ['instagram-followers', 'Instagram followers'],
  ['spotify-followers', 'Spotify followers'],
  ['youtube-subscribers', 'YouTube subscribers'],
  ['periods', 'Periods on a chart'],
  ['no1', 'Periods at No. 1 on a chart'],
  ['streak', 'Longest run on a chart'],
  ['peak', 'Best rank on a chart'],
  ['first-day', 'First-day sales'],
  ['first-week', 'First-week sales'],
];
const CHART_MEASURES = new Set(['periods', 'no1', 'streak', 'peak']);
const SALES_MEASURES = new Set(['first-day', 'first-week']);
const MODES = [
  ['most', 'Who has the most?'],
  ['first', 'Who was first to reach…'],
  ['fastest', 'Who was fastest to reach…'],
  ['only', 'Who is the only one to reach…'],
];
const CHOICES = {
  market: ['k-pop', 'j-pop', 'pop', 'latin'],
  artist_kind: ['solo', 'group', 'unit', 'other'],
  role: ['title', 'b-side', 'pre-release', 'ost', 'fan-song'],
  release_kind: ['album', 'ep', 'single', 'repackage', 'mixtape', 'ost'],
  credit: ['lead', 'featured', 'solo', 'any'],
  provider: ['hanteo', 'circle', 'oricon', 'luminate'],
};
const FIELDS = ['measure', 'chart', 'provider', 'mode', 'at_least', 'at', 'market', 'artist_kind', 'role', 'release_kind', 'year', 'artist', 'credit', 'member_of', 'limit'];

function select(name, options, value, label) {
  return h(
    'label',
    null,
    h('span', null, label),
    h('select', { name, 'data-testid': `rec-${name}` }, h('option', { value: '' }, '(any)'), options.map((o) => (Array.isArray(o) ? h('option', { value: o[0], selected: o[0] === value }, o[1]) : h('option', { value: o, selected: o === value }, o)))),
  );
}

function input(name, value, label, props) {
  return h('label', null, h('span', null, label), h('input', { name, value: value || '', 'data-testid': `rec-${name}`, ...props }));
}

function resultRow(r) {
  return h(
    'tr',
    { 'data-testid': 'record-row', 'data-id': r.id },
    h('td', { class: 'num', 'data-testid': 'rank' }, num(r.rank)),
    h('td', { 'data-testid': 'title' }, text(r.title)),
    h('td', { 'data-testid': 'artist' }, r.artist ? artistLink(r.artist) : text(r.artist)),
    h('td', { class: 'num', 'data-testid': 'value' }, num(r.value)),
    h('td', { class: 'date', 'data-testid': 'reached' }, text(r.reached), r.flag ? h('span', { class: 'meta' }, ` (${r.flag})`) : null),
    h('td', { class: 'num', 'data-testid': 'days' }, num(r.days)),
    h('td', { 'data-testid': 'role' }, text(r.role)),
    h('td', { 'data-testid': 'release' }, text(r.release)),
  );
}

export async function recordsPage(view, ctx) {
  ctx.title('Records');
  const q = Object.fromEntries(FIELDS.map((f) => [f, ctx.query.get(f) || '']));
  const charts = await chartInfo(ctx.signal);
  let answer = null;
  let error = null;
  if (q.measure) {
    try {
      answer = await api('/api/records', { ...q, limit: q.limit || 50 }, ctx.signal);
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      error = err.message;
    }
  }
  const measure = q.measure || 'spotify-streams';
  const chart = chartPicker(charts, q.chart, { name: 'chart', 'data-testid': 'rec-chart' });
  chart.options[0].textContent = '(choose a chart)';
  const form = h(
    'form',
    {
      class: 'records-form',
      'data-testid': 'records-form',
      'data-measure': measure,
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const params = new URLSearchParams();
        for (const f of FIELDS) {
          const v = String(data.get(f) || '').trim();
          if (!v) continue;
          if (f === 'chart' && !CHART_MEASURES.has(data.get('measure'))) continue;
          if (f === 'provider' && !SALES_MEASURES.has(data.get('measure'))) continue;
          params.set(f, v);
        }
        ctx.navigate(`/records?${params}`);
      },
      onchange: (event) => {
        if (event.target.name === 'measure') form.dataset.measure = event.target.value;
      },
    },
    h('fieldset', null, h('legend', null, 'Measure'), select('measure', MEASURES, measure, 'What'), h('label', { class: 'for-chart' }, h('span', null, 'Chart'), chart), h('span', { class: 'for-sales' }, select('provider', CHOICES.provider, q.provider, 'Provider')), input('at', q.at, 'As of', { placeholder: 'YYYY-MM-DD' })),
    h('fieldset', null, h('legend', null, 'Question'), select('mode', MODES, q.mode || 'most', 'Ask'), input('at_least', q.at_least, 'Threshold (at least)', { inputmode: 'numeric', placeholder: '700000000' })),
    h(
      'fieldset',
      null,
      h('legend', null, 'Cohort'),
      select('market', CHOICES.market, q.market, 'Market'),
      select('artist_kind', CHOICES.artist_kind, q.artist_kind, 'Artist kind'),
      select('role', CHOICES.role, q.role, 'Role on first release'),
      select('release_kind', CHOICES.release_kind, q.release_kind, 'First release kind'),
      input('year', q.year, 'Year of first release', { inputmode: 'numeric', placeholder: 'YYYY' }),
      input('artist', q.artist, 'Artist (any name)'),
      select('credit', CHOICES.credit, q.credit, 'Credit'),
      input('member_of', q.member_of, 'Member of'),
    ),
    h('button', { type: 'submit', 'data-testid': 'records-ask' }, 'Ask'),
  );
  const headers = [{ label: '#', class: 'num' }, { label: 'Title' }, { label: 'Artist' }, { label: 'Value', class: 'num' }, { label: 'Reached' }, { label: 'Days', class: 'num', title: 'Days from release' }, { label: 'Role' }, { label: 'First release' }];
  append(view, [
    h('div', { class: 'page-head' }, h('h1', null, 'Records'), h('span', { class: 'meta' }, 'a measure over a cohort: the most, the first, the fastest, the only')),
    form,
    error ? h('p', { class: 'notice error', 'data-testid': 'records-error' }, error) : null,
    answer
      ? h(
          'section',
          { class: 'panel', 'data-testid': 'records-answer' },
          h('p', { class: 'answer', 'data-testid': 'records-sentence' }, answer.answer || 'No song or artist of this cohort has a value for this measure.'),
          answer.rows && answer.rows.length ? h('div', { class: 'scroll' }, table(headers, answer.rows.map(resultRow), { class: 'data', 'data-testid': 'records-list' })) : null,
        )
      : null,
    coverageNote(charts, q.chart && CHART_MEASURES.has(q.measure) ? [q.chart] : null),
  ]);
}
