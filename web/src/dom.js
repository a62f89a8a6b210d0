// Building DOM nodes without innerHTML: every string from the API becomes a
// text node, so a title such as "<3" or a Hangul credit is shown as stored and
// never parsed as markup.

/**
 * h('a', {href: '/news', class: 'x', 'data-testid': 'y', onclick: f}, ...children)
 * Children may be nodes, strings, numbers, arrays of those, or null/false
 * (skipped). Props starting with "on" are event listeners; the rest are
 * attributes (null, undefined and false leave the attribute out).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children as h() takes them. Returns the parent. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** A table with a header row; rows are arrays of <tr> built by the caller. */
export function table(headers, rows, props) {
  return h(
    'table',
    props,
    h('thead', null, h('tr', null, headers.map((col) => h('th', { class: col.class, scope: 'col', title: col.title }, col.label)))),
    h('tbody', null, rows),
  );
}
