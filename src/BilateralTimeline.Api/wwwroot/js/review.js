// The review page: an article is drafted by the server (POST /api/drafts), every proposal is the
// analyst's to accept, edit or reject, and the accepted ones are recorded in one import
// (POST /api/imports), so an article lands whole or not at all. Nothing here computes an offset
// the analyst has to check: quotes keep the draft's offsets.
import { apiKey, setApiKey } from './api.js';
import { clear, h, isRtl, withIsolatedLatin } from './dom.js';

const $ = id => document.getElementById(id);

const KINDS = ['statement', 'appeal', 'intent-to-cooperate', 'meeting', 'visit', 'praise', 'agreement', 'economic-cooperation',
  'military-cooperation', 'aid', 'criticism', 'accusation', 'rejection', 'threat', 'protest', 'force-posture', 'reduce-relations',
  'coercion', 'assault', 'fight', 'procurement', 'movement', 'media-coverage', 'accident', 'policy', 'assessment'];
const MODALITIES = ['asserted', 'reported', 'opinion', 'unconfirmed', 'denial'];
const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'];
const CREDIBILITY = ['1', '2', '3', '4', '5', '6'];

const review = { draft: null, decisions: new Map() };
window.__btReview = review;

function status(text, state) {
  const line = $('review-status');
  line.textContent = text;
  line.dataset.state = state;
}

async function post(path, body) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (apiKey()) headers['X-Api-Key'] = apiKey();
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const errors = (answer?.errors ?? []).map(e => `${e.field}: ${e.message}`).join('; ');
    throw new Error(`${path}: ${answer?.detail || answer?.title || `HTTP ${response.status}`}${errors ? ` (${errors})` : ''}`);
  }
  return answer;
}

// ---- drafting -----------------------------------------------------------------------------------

async function draft(event) {
  event.preventDefault();
  setApiKey($('review-key').value.trim());
  const body = { text: $('article').value };
  for (const name of ['outlet', 'published', 'language', 'dyad']) {
    const value = $(name).value.trim();
    if (value) body[name] = value;
  }
  status('drafting…', 'busy');
  try {
    review.draft = await post('/api/drafts', body);
    review.decisions = new Map((review.draft.claims ?? []).map(c => [c.id, 'undecided']));
    render();
    status(`${review.decisions.size} proposals: accept, edit or reject each, then record.`, 'drafted');
  } catch (error) {
    status(`Could not draft: ${error.message}`, 'error');
  }
}

async function readFile() {
  const file = $('article-file').files?.[0];
  if (file) $('article').value = await file.text();
}

// ---- showing the draft --------------------------------------------------------------------------

/** Where a quote sits: at the draft's offsets when they hold its words, else at its nth exact occurrence. */
function locate(text, quote) {
  if (Number.isInteger(quote.start) && Number.isInteger(quote.end) && (!quote.text || text.slice(quote.start, quote.end) === quote.text)) {
    return { start: quote.start, end: quote.end };
  }
  let at = -1;
  for (let n = 0; n < (quote.nth ?? 1); n++) {
    at = text.indexOf(quote.text ?? '', at + 1);
    if (at < 0) return null;
  }
  return quote.text ? { start: at, end: at + quote.text.length } : null;
}

function renderText(source, claims) {
  const text = source.text ?? '';
  const spans = claims.flatMap(c => (c.quotes ?? []).map(q => ({ id: c.id, ...locate(text, q) })).filter(s => Number.isInteger(s.start)));
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.start, s.end])])].sort((a, b) => a - b);
  const rtl = isRtl(source.language, text);
  const container = clear($('review-text'));
  container.dir = rtl ? 'rtl' : 'auto';
  if (source.language) container.lang = source.language;
  let paragraph = h('p');
  container.append(paragraph);
  for (let i = 0; i < cuts.length - 1; i++) {
    const ids = spans.filter(s => s.start <= cuts[i] && cuts[i + 1] <= s.end).map(s => s.id);
    text.slice(cuts[i], cuts[i + 1]).split('\n').forEach((line, index) => {
      if (index > 0) container.append(paragraph = h('p'));
      if (!line) return;
      const content = rtl ? withIsolatedLatin(line) : [line];
      paragraph.append(ids.length
        ? h('mark', { class: 'quote', dataset: { claimIds: ids.join(' '), decision: review.decisions.get(ids[0]) }, onclick: () => focusProposal(ids[0]) }, content)
        : h('span', {}, content));
    });
  }
}

function focusProposal(id) {
  const item = document.querySelector(`.proposal[data-claim-id="${CSS.escape(id)}"]`);
  item?.scrollIntoView({ block: 'nearest' });
  item?.querySelector('select, input, textarea')?.focus();
}

const choice = (values, current, attributes) =>
  h('select', attributes, [...new Set([...(current ? [current] : []), ...values])].map(v => h('option', { value: v, selected: v === current }, v)));

const field = (label, control) => h('label', {}, label, ' ', control);

function proposalItem(claim) {
  const candidate = claim.occurred?.candidates?.[0];
  const confidence = claim.confidence ?? {};
  const decide = decision => () => setDecision(claim.id, decision);
  return h('li', { class: 'proposal', dataset: { claimId: claim.id, decision: review.decisions.get(claim.id) } },
    h('p', { class: 'cue' }, `${claim.id} · cue: `, h('bdi', { dir: 'auto' }, claim.cue ?? 'none')),
    h('p', { class: 'quote-text', dir: 'auto' }, (claim.quotes ?? []).map(q => q.text).filter(Boolean).join(' … ')),
    field('Kind', choice(KINDS, claim.kind, { class: 'kind' })),
    field('Modality', choice(MODALITIES, claim.modality, { class: 'modality' })),
    field('Summary', h('textarea', { class: 'summary', rows: 2, dir: 'auto' }, claim.summary ?? '')),
    field('Date phrase', h('input', { class: 'phrase', type: 'text', dir: 'auto', value: claim.occurred?.phrase ?? '' })),
    candidate ? field('From', h('input', { class: 'from', type: 'text', value: candidate.from ?? '' })) : null,
    candidate ? field('To', h('input', { class: 'to', type: 'text', value: candidate.to ?? '' })) : null,
    field('Reliability', choice(RELIABILITY, confidence.reliability, { class: 'reliability' })),
    field('Credibility', choice(CREDIBILITY, confidence.credibility === undefined ? '' : String(confidence.credibility), { class: 'credibility' })),
    field('Actors (JSON)', h('textarea', { class: 'actors', rows: 3, dir: 'auto' }, JSON.stringify(claim.actors ?? [], null, 1))),
    field('Attribution (JSON)', h('textarea', { class: 'attribution', rows: 2, dir: 'auto' }, JSON.stringify(claim.attribution ?? [], null, 1))),
    field('Note', h('textarea', { class: 'note', rows: 2, dir: 'auto' }, reviewedNote(claim))),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'accept', 'aria-label': `Accept ${claim.id}`, onclick: decide('accepted') }, 'Accept'),
      h('button', { type: 'button', class: 'reject', 'aria-label': `Reject ${claim.id}`, onclick: decide('rejected') }, 'Reject'),
      h('span', { class: 'decision' }, review.decisions.get(claim.id))));
}

// The draft's note says its fields are proposals; once judged here that is no longer true, but where the
// claim came from still matters to a later reader (the cue is kept in the ledger only through the note).
function reviewedNote(claim) {
  const drafted = `Drafted by bt draft (cue: ${claim.cue ?? 'none'}); reviewed by the analyst on the review page.`;
  if (!claim.note || claim.note.startsWith('Drafted by bt draft')) return drafted;
  return `${claim.note} ${drafted}`;
}

function setDecision(id, decision) {
  review.decisions.set(id, decision);
  const item = document.querySelector(`.proposal[data-claim-id="${CSS.escape(id)}"]`);
  item.dataset.decision = decision;
  item.querySelector('.decision').textContent = decision;
  for (const mark of document.querySelectorAll('#review-text mark.quote')) {
    if (mark.dataset.claimIds.split(' ')[0] === id) mark.dataset.decision = decision;
  }
  updateCount();
}

function updateCount() {
  const counts = { accepted: 0, rejected: 0, undecided: 0 };
  for (const decision of review.decisions.values()) counts[decision]++;
  $('proposal-count').textContent = `(${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.undecided} undecided)`;
}

function render() {
  const claims = review.draft.claims ?? [];
  renderText(review.draft.sources?.[0] ?? {}, claims);
  clear($('proposals'), claims.map(proposalItem));
  updateCount();
  $('review').hidden = false;
}

// ---- recording ----------------------------------------------------------------------------------

function parseJson(item, name) {
  try {
    return JSON.parse(item.querySelector(`.${name}`).value || '[]');
  } catch (error) {
    throw new Error(`${item.dataset.claimId}: ${name} is not valid JSON (${error.message})`);
  }
}

/** The claim as the analyst left it: the draft's claim with the edited fields, no longer a proposal. */
function judged(claim) {
  const item = document.querySelector(`.proposal[data-claim-id="${CSS.escape(claim.id)}"]`);
  const value = name => item.querySelector(`.${name}`)?.value.trim();
  const result = structuredClone(claim);
  delete result.proposed;
  result.kind = value('kind');
  result.modality = value('modality');
  result.summary = value('summary');
  result.note = value('note') || null;
  result.actors = parseJson(item, 'actors');
  result.attribution = parseJson(item, 'attribution');
  result.confidence = { ...result.confidence, reliability: value('reliability'), credibility: Number(value('credibility')) };
  if (result.occurred) {
    result.occurred.phrase = value('phrase') || null;
    const candidate = result.occurred.candidates?.[0];
    if (candidate && (candidate.from !== value('from') || candidate.to !== value('to'))) {
      Object.assign(candidate, { from: value('from'), to: value('to'), method: 'analyst-judgement' });
    }
  }
  return result;
}

async function record() {
  const undecided = [...review.decisions].filter(([, d]) => d === 'undecided').map(([id]) => id);
  if (undecided.length) {
    status(`Decide every proposal first (accept or reject): ${undecided.join(', ')}`, 'error');
    return;
  }
  try {
    const accepted = (review.draft.claims ?? []).filter(c => review.decisions.get(c.id) === 'accepted').map(judged);
    const ids = new Set(accepted.map(c => c.id));
    const file = { ...review.draft, claims: accepted };
    // A relation or correction naming a rejected proposal would refuse the whole file.
    if (file.relations) file.relations = file.relations.filter(r => ids.has(r.claim) && (!r.other || ids.has(r.other)));
    if (file.corrections) file.corrections = file.corrections.filter(c => ids.has(c.claim));
    status('recording…', 'busy');
    const result = await post('/api/imports', file);
    status(`Recorded ${result.claims} claims and ${result.sources} source(s) in ${result.dyad} (revision ${result.streamRevision}).`, 'recorded');
    $('record-button').disabled = true;
  } catch (error) {
    status(`Could not record: ${error.message}`, 'error');
  }
}

$('review-key').value = apiKey();
$('draft-form').addEventListener('submit', draft);
$('article-file').addEventListener('change', readFile);
$('record-button').addEventListener('click', record);
document.body.dataset.loaded = 'true';
