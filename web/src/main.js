// The dashboard's entry point: a client-side router over the history API.
// `kchart serve` answers index.html for every non-API path that is not a
// file, so /chart/x, /song/1 and /artist/name load this script, which then
// draws the page for the path. Links inside the dashboard are followed
// without a reload.
//
// Each page is an async function (view, ctx) that fills `view` (detached)
// from the API. When it resolves, the view replaces the old page and the
// page's `ctx.mounted` callbacks run (plots need their width, so they are
// drawn once attached). #app carries data-state="loading|ready|error" for
// the end-to-end tests and aria-busy for screen readers.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { h } from './dom.js';
import { ApiError } from './api.js';
import { homePage } from './pages/home.js';
import { chartPage } from './pages/chart.js';
import { songPage } from './pages/song.js';
import { artistPage } from './pages/artist.js';
import { newsPage } from './pages/news.js';
import { recordsPage } from './pages/records.js';
import { allkillPage } from './pages/allkill.js';
import { regionsPage } from './pages/regions.js';
import { salesPage } from './pages/sales.js';

const routes = [
  { re: /^\/$/, page: homePage, nav: '/' },
  { re: /^\/chart\/([^/]+)\/?$/, page: chartPage, nav: '/' },
  { re: /^\/song\/([^/]+)\/?$/, page: songPage },
  { re: /^\/artist\/(.+?)\/?$/, page: artistPage },
  { re: /^\/news\/?$/, page: newsPage, nav: '/news' },
  { re: /^\/records\/?$/, page: recordsPage, nav: '/records' },
  { re: /^\/allkill\/?$/, page: allkillPage, nav: '/allkill' },
  { re: /^\/regions\/?$/, page: regionsPage, nav: '/regions' },
  { re: /^\/sales\/?$/, page: salesPage, nav: '/sales' },
];

const app = document.getElementById('app');
let current = null;

export function navigate(to, { replace = false } = {}) {
  if (replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  render({ scroll: !replace });
}

function notFound(view, message) {
  view.append(
    h('section', { class: 'notice', 'data-testid': 'not-found' }, h('h1', null, 'Not found'), h('p', null, message), h('p', null, h('a', { href: '/' }, 'Back to the charts'))),
  );
}

function errorView(err) {
  if (err instanceof ApiError && err.status === 404) {
    const view = h('div', { class: 'view' });
    notFound(view, err.message);
    return view;
  }
  return h(
    'div',
    { class: 'view' },
    h('section', { class: 'notice error', 'data-testid': 'error' }, h('h1', null, 'Something went wrong'), h('p', null, err && err.message ? err.message : String(err))),
  );
}

function markNav(path) {
  for (const a of document.querySelectorAll('.site-nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === path);
  }
}

async function render({ scroll = false } = {}) {
  if (current) {
    current.controller.abort();
    for (const fn of current.cleanups) fn();
  }
  const controller = new AbortController();
  const ctx = {
    signal: controller.signal,
    query: new URLSearchParams(window.location.search),
    params: [],
    cleanups: [],
    mounted: [],
    navigate,
    title(text) {
      document.title = text ? `${text} · kchart` : 'kchart';
    },
  };
  current = { controller, cleanups: ctx.cleanups };
  app.dataset.state = 'loading';
  app.setAttribute('aria-busy', 'true');

  const path = window.location.pathname;
  const route = routes.find((r) => r.re.test(path));
  markNav(route ? route.nav : null);
  const view = h('div', { class: 'view' });
  let state = 'ready';
  try {
    if (!route) {
      ctx.title('Not found');
      notFound(view, `There is no page at ${path}.`);
      state = 'error';
    } else {
      ctx.params = route.re.exec(path).slice(1).map((p) => decodeURIComponent(p));
      await route.page(view, ctx);
    }
  } catch (err) {
    if (controller.signal.aborted) return;
    if (err instanceof URIError) {
      notFound(view, `There is no page at ${path}.`);
      app.replaceChildren(view);
    } else {
      app.replaceChildren(errorView(err));
    }
    if (err instanceof ApiError && err.status === 404) ctx.title('Not found');
    app.dataset.state = 'error';
    app.removeAttribute('aria-busy');
    return;
  }
  if (controller.signal.aborted) return;
  app.replaceChildren(view);
  for (const fn of ctx.mounted) fn();
  if (scroll) window.scrollTo(0, 0);
  app.dataset.state = state;
  app.removeAttribute('aria-busy');
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest('a[href]');
  if (!a || a.hasAttribute('data-external') || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/feed.atom') return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => render());
render();
