// Elements are built from data with textContent only: claim and source text is untrusted input.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'style') {
      // Through the CSSOM, not a style attribute: the Content-Security-Policy (style-src 'self') refuses inline style attributes.
      element.style.cssText = String(value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

// Latin names and codes inside Arabic ("AZQ-4622", "4K-AZ101") are isolated so that the bidi
// algorithm does not reorder their digits against the surrounding right-to-left text.
const LATIN_TOKEN = /[A-Za-z0-9](?:[A-Za-z0-9._/\-]*[A-Za-z0-9])?/g;

export function withIsolatedLatin(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(LATIN_TOKEN)) {
    if (!/[A-Za-z]/.test(match[0])) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(h('bdi', { dir: 'ltr', class: 'latin' }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Text in its own language and direction, isolated from the sentence around it. */
export function foreign(text, language) {
  const rtl = language ? isRtl(language) : firstStrongIsRtl(text);
  return h('bdi', { lang: language || undefined, dir: rtl ? 'rtl' : 'auto', class: rtl ? 'rtl' : undefined },
    rtl ? withIsolatedLatin(text) : text);
}

export function isRtl(language, text = '') {
  if (language) return /^(ar|fa|he|ur|ps)\b/i.test(language);
  return firstStrongIsRtl(text);
}

// The Unicode bidi rule for dir="auto": the first strong letter decides the direction.
function firstStrongIsRtl(text) {
  const match = /[A-Za-z\u00C0-\u024F\u0590-\u08FF]/.exec(text ?? '');
  return !!match && /[\u0590-\u08FF]/.test(match[0]);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
