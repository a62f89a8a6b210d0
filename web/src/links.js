// Links to the dashboard's own pages, built in one place so that every page
// encodes ids and names the same way.
import { h } from './dom.js';
import { seg } from './api.js';
import { text } from './format.js';

export const songHref = (id) => `/song/${seg(id)}`;
export const artistHref = (name) => `/artist/${seg(name)}`;
export function chartHref(id, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) if (value !== null && value !== undefined) params.set(key, value);
  const qs = params.toString();
  return `/chart/${seg(id)}${qs ? `?${qs}` : ''}`;
}

export function songLink(id, title, props) {
  return h('a', { href: songHref(id), ...props }, title === null || title === undefined || title === '' ? `song ${id}` : title);
}

/** The credit as published, linked to the page of songs credited to it. */
export function artistLink(name, props) {
  if (name === null || name === undefined || name === '') return h('span', props, text(name));
  return h('a', { href: artistHref(name), ...props }, name);
}

export function chartLink(id, label, query, props) {
  return h('a', { href: chartHref(id, query), ...props }, label || id);
}

/** A "Show more" button that loads a list's `next` URL into `onPage`. */
export function moreButton(next, load) {
  const button = h('button', { type: 'button', class: 'more', 'data-testid': 'more' }, 'Show more');
  let url = next;
  button.hidden = !url;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      url = await load(url);
    } finally {
      button.disabled = false;
      button.hidden = !url;
    }
  });
  return button;
}
