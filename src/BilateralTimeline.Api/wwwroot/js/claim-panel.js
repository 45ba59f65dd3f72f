import { api } from './api.js';
import { clear, foreign, h } from './dom.js';
import { readableInstant } from './dates.js';
import { confidenceBand, credibilityWords, kindColour, reliabilityWords } from './words.js';
import { renderSourceText } from './source-text.js';

const sourceTexts = new Map();

async function sourceTextOf(sourceId) {
  if (!sourceTexts.has(sourceId)) sourceTexts.set(sourceId, api.sourceText(sourceId).catch(() => null));
  return sourceTexts.get(sourceId);
}

/**
 * Shows one claim: its fields, grades in words, attribution chain, corrections history and its
 * source text with the quote marked. <paramref name="item"/> (optional) is the timeline item it
 * belongs to, whose other claims are offered as tabs.
 */
export async function showClaim(panel, claimId, { item, view, toQuote, quiet, onOpenClaim, isCurrent }) {
  const body = panel.querySelector('#claim-body');
  panel.hidden = false;
  panel.dataset.claimId = claimId;
  panel.dataset.state = 'loading';
  // A quiet refresh (live update) keeps what the reader sees and where the focus is until the new answer is in.
  if (!quiet) clear(body, h('p', { class: 'loading' }, `loading ${claimId}…`));

  let trace;
  let text;
  try {
    trace = await api.trace(claimId, view);
    text = trace.source ? await sourceTextOf(trace.source.sourceId) : null;
  } catch (error) {
    if (!isCurrent()) return;
    panel.dataset.state = 'error';
    clear(body, h('p', { class: 'error', role: 'alert' }, `Could not load claim ${claimId}: ${error.message}`));
    return;
  }
  if (!isCurrent()) return;

  const scroll = panel.scrollTop;
  clear(body,
    item && item.claims.length > 1 ? siblingTabs(item, claimId, onOpenClaim) : null,
    item ? occurrenceHeader(item) : null,
    claimFields(trace),
    confidence(trace),
    attribution(trace),
    history(trace),
    source(trace, text));
  panel.dataset.state = 'ready';

  panel.querySelector('#claim-heading').textContent = `Claim ${trace.claimId}`;
  if (quiet) {
    panel.scrollTop = scroll;
  } else if (toQuote && body.querySelector('mark.quote')) {
    focusQuote(0);
  } else {
    panel.querySelector('#claim-heading').focus({ preventScroll: false });
  }
}

function siblingTabs(item, claimId, onOpenClaim) {
  return h('nav', { class: 'sibling-claims', 'aria-label': 'Claims describing this occurrence' },
    item.claims.map(c => h('button', {
      type: 'button', class: 'sibling', 'aria-current': c.claimId === claimId ? 'true' : undefined,
      onclick: () => onOpenClaim(c.claimId, { item }),
    }, `${c.claimId} · ${c.grade}`)));
}

function occurrenceHeader(item) {
  return h('section', { class: 'occurrence' },
    h('p', { class: 'occurrence-title' }, item.isOccurrence ? 'Occurrence: ' : 'Claim on its own: ', h('strong', {}, item.title)),
    h('p', {}, `When: ${item.when}`, item.phrase ? [' — ', foreign(item.phrase, 'ar')] : '',
      item.contested ? h('span', { class: 'contested-tag' }, 'contested') : ''),
    item.findings?.length ? h('ul', { class: 'findings' }, item.findings.map(f => h('li', {}, f))) : null);
}

function claimFields(t) {
  const rows = [
    ['Kind', h('span', { class: 'kind-chip', style: `--kind: ${kindColour(t.kind)}` }, t.kind)],
    ['Modality', t.modality],
    ['Occurred', occurred(t.occurred)],
    ['Place', t.place],
    ['Actors', t.actors?.length ? h('ul', {}, t.actors.map(a => h('li', {}, foreign(a.name), ` — ${a.role}`, a.country ? ` (${a.country})` : '', a.title ? `, ${a.title}` : ''))) : 'none named'],
    ['Fate', h('span', { id: 'claim-fate' }, t.fate)],
    ['Occurrence', t.occurrenceId ? `${t.occurrenceTitle ?? ''} (${t.occurrenceId})` : 'not linked'],
    ['Note', t.note],
  ].filter(([, value]) => value);
  return h('section', { class: 'claim-fields' },
    h('h3', { id: 'claim-title' }, h('span', { class: 'claim-id' }, t.claimId), ' ', t.summary),
    h('dl', {}, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])));
}

function occurred(time) {
  if (!time) return 'unknown';
  return h('div', {},
    time.phrase ? h('p', {}, 'Phrase: ', foreign(time.phrase, time.language)) : null,
    time.candidates?.length
      ? h('ul', {}, time.candidates.map(c => h('li', {}, `${c.from === c.to ? c.from : `${c.from} … ${c.to}`} (${c.precision}, ${c.method})`, c.reason ? ` — ${c.reason}` : '')))
      : h('p', {}, 'no interval'),
    time.findings?.length ? h('ul', { class: 'findings' }, time.findings.map(f => h('li', {}, f))) : null);
}

function confidence(t) {
  const grade = c => `${c.reliability}${c.credibility}`;
  const revised = grade(t.recordedConfidence) !== grade(t.currentConfidence);
  return h('section', { class: 'confidence' },
    h('h3', {}, 'Confidence'),
    h('p', { id: 'claim-confidence-words' },
      h('strong', {}, grade(t.currentConfidence)), ': source ', reliabilityWords(t.currentConfidence.reliability),
      '; information ', credibilityWords(String(t.currentConfidence.credibility)), '.'),
    revised ? h('p', {}, `Recorded as ${grade(t.recordedConfidence)} (${reliabilityWords(t.recordedConfidence.reliability)}, ${credibilityWords(String(t.recordedConfidence.credibility))}); revised since.`) : null,
    h('p', {}, h('label', { for: 'claim-meter' }, `Score ${t.confidenceScore} of 100 (${confidenceBand(t.confidenceScore)})`), ' ',
      h('meter', { id: 'claim-meter', min: 0, max: 100, low: 25, high: 70, optimum: 100, value: t.confidenceScore }, t.confidenceScore)));
}

function attribution(t) {
  return h('section', { class: 'attribution' },
    h('h3', {}, 'Attribution chain'),
    t.attribution?.length
      ? h('ol', { class: 'chain' }, t.attribution.map(a => h('li', {}, foreign(a.name), h('span', { class: 'chain-kind' }, ` (${a.kind})`))))
      : h('p', {}, 'The source speaks for itself.'));
}

function history(t) {
  return h('section', { class: 'history' },
    h('h3', {}, 'Recorded and corrected'),
    h('ol', { class: 'events', id: 'claim-history' }, (t.events ?? []).map(e => h('li', {},
      h('span', { class: 'position' }, `#${e.position}`), ' ', h('strong', {}, e.what),
      ` — ${readableInstant(e.recorded)} by ${e.recordedBy}`, e.reason ? h('span', { class: 'reason' }, `: ${e.reason}`) : ''))));
}

function source(t, text) {
  const src = t.source;
  if (!src) return h('section', { class: 'source' }, h('h3', {}, 'Source'), h('p', {}, 'No source recorded.'));
  const quotes = t.quotes ?? [];
  const fallback = quotes.length
    ? renderSourceText(`${quotes[0].before ?? ''}${quotes[0].text}${quotes[0].after ?? ''}`,
      [{ ...quotes[0], start: (quotes[0].before ?? '').length, end: (quotes[0].before ?? '').length + quotes[0].text.length }], src.language)
    : null;
  return h('section', { class: 'source' },
    h('h3', {}, 'Source'),
    h('p', { class: 'source-title' }, foreign(src.title ?? '', src.language)),
    h('p', {}, foreign(src.outlet ?? ''), ' · ', src.language, ' · ', src.hashMatches
      ? h('span', { class: 'hash-ok' }, '✓ text matches its SHA-256')
      : h('span', { class: 'hash-bad' }, '✗ text does not match its recorded SHA-256')),
    h('h4', {}, `Quote${quotes.length === 1 ? '' : 's'}`),
    quotes.map((q, i) => h('figure', { class: 'quote-card' },
      h('blockquote', { dir: 'rtl', lang: src.language, class: 'quote-text' }, foreign(q.text, src.language)),
      h('figcaption', {}, `characters ${q.start}–${q.end}`, q.matchesSource ? ' · the words are still at these offsets' : ' · the words are NOT at these offsets',
        ' ', h('button', { type: 'button', class: 'to-quote', onclick: () => focusQuote(i) }, 'show in the text')))),
    h('h4', {}, text ? 'Full text' : 'Context (the full text is not available)'),
    text ? renderSourceText(text, quotes, src.language) : fallback);
}

// Scrolls only the panel and the text box, never the page behind the panel.
function focusQuote(index) {
  const mark = document.querySelector(`#claim-body mark.quote[data-quote-index="${index}"]`);
  if (!mark) return;
  const box = mark.closest('.source-text');
  const panel = document.getElementById('claim-panel');
  panel.scrollTop = Math.max(0, box.offsetTop - 96);
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  mark.tabIndex = -1;
  mark.focus({ preventScroll: true });
}
