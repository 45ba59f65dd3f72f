import { h, isRtl, withIsolatedLatin } from './dom.js';

/**
 * Where each quote sits in the text: at its recorded UTF-16 offsets when the words are still there
 * (JavaScript strings index UTF-16 too), else at the first place the exact words occur.
 */
function locateQuotes(text, quotes) {
  return quotes.map((quote, index) => {
    if (text.slice(quote.start, quote.end) === quote.text) return { index, start: quote.start, end: quote.end, how: 'at-offsets' };
    const found = text.indexOf(quote.text);
    return found >= 0
      ? { index, start: found, end: found + quote.text.length, how: 'found-elsewhere' }
      : { index, start: -1, end: -1, how: 'missing' };
  });
}

/** The source text as paragraphs, right-to-left for Arabic, with the claim's quotes marked. */
export function renderSourceText(text, quotes, language) {
  const rtl = isRtl(language, text);
  const located = locateQuotes(text, quotes).filter(q => q.start >= 0);
  const boundaries = new Set([0, text.length]);
  for (const q of located) {
    boundaries.add(q.start);
    boundaries.add(q.end);
  }
  const cuts = [...boundaries].sort((a, b) => a - b);

  const container = h('div', { class: 'source-text', dir: rtl ? 'rtl' : 'ltr', lang: language || undefined });
  let paragraph = h('p');
  container.append(paragraph);
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const quote = located.find(q => q.start <= start && end <= q.end);
    const lines = text.slice(start, end).split('\n');
    lines.forEach((line, lineIndex) => {
      if (lineIndex > 0) {
        paragraph = h('p');
        container.append(paragraph);
      }
      if (!line) return;
      const content = rtl ? withIsolatedLatin(line) : [line];
      paragraph.append(quote
        ? h('mark', { class: 'quote', dataset: { quoteIndex: quote.index, located: quote.how } }, content)
        : h('span', {}, content));
    });
  }
  for (const p of [...container.children]) if (!p.textContent.trim()) p.remove();
  return container;
}
