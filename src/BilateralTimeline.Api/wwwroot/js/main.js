import { api, setApiKey } from './api.js';
import { clear, debounce, h } from './dom.js';
import { candidates, fromDay, readable, readableInstant, toDay, today } from './dates.js';
import { readView, writeView } from './view-state.js';
import { actorIndex, claimFilter, fillOptions, filterItems } from './filters.js';
import { describeItem, drawTimeline, itemKind } from './timeline-view.js';
import { sampleDays, scoreHistory } from './score-history.js';
import { drawState } from './state-panel.js';
import { showClaim } from './claim-panel.js';
import { followLog } from './live.js';
import { kindColour } from './words.js';
import { drawReplay } from './replay.js';

const $ = id => document.getElementById(id);

const page = {
  view: readView(),
  timeline: null,        // at the as-of date: what the bars show
  fullTimeline: null,    // without an as-of date: fixes the axis and the filter choices
  state: null,
  actors: new Map(),
  sources: [],
  scores: [],
  scoreKey: '',
  recordingStops: new Map(), // recorded instant → highest position recorded then
  renderedPosition: 0,
  loaded: false,
  generation: 0,
  claimGeneration: 0,
  freshIds: new Set(),
  lastFocus: null,
  sensitivity: null,     // GET /api/sensitivity at the view's times, asked only while its list is open
  sensitivityKey: '',
};

window.__bt = { page, timings: {} };

// ---- loading ------------------------------------------------------------------------------------

async function load({ resample = false } = {}) {
  const generation = ++page.generation;
  const started = performance.now();
  $('timeline').dataset.state = 'loading';
  try {
    const view = page.view;
    const [timeline, full, state] = await Promise.all([
      api.timeline(view),
      view.asOf ? api.timeline({ ...view, asOf: '' }) : null,
      api.state(view),
    ]);
    if (generation !== page.generation) return;
    const previousIds = page.timeline ? new Set(page.timeline.items.map(i => i.id)) : null;
    page.timeline = timeline;
    page.fullTimeline = full ?? timeline;
    page.state = state;
    page.renderedPosition = Math.max(page.renderedPosition, timeline.lastPosition ?? 0);
    page.freshIds = previousIds ? new Set(timeline.items.map(i => i.id).filter(id => !previousIds.has(id))) : new Set();
    $('load-error').hidden = true;
    renderAll();
    window.__bt.timings.lastRenderMs = performance.now() - started;
    if (!page.loaded) {
      page.loaded = true;
      window.__bt.timings.firstRenderMs = performance.now();
      document.body.dataset.loaded = 'true';
      afterFirstLoad();
    }
    refreshScores(resample);
    refreshSensitivity();
    refreshOpenClaim();
  } catch (error) {
    if (generation !== page.generation) return;
    $('timeline').dataset.state = 'error';
    if (error.status === 401) {
      askForKey();
      return;
    }
    const banner = $('load-error');
    banner.hidden = false;
    banner.textContent = `Could not load the view: ${error.message}`;
  }
}

function afterFirstLoad() {
  api.actors(page.view).then(actors => {
    page.actors = actorIndex(actors);
    renderFilters();
  }).catch(() => {});
  api.sources(page.view).then(sources => {
    page.sources = sources.sources ?? [];
    renderFilters();
  }).catch(() => {});
  checkVerify();
  followLog({ onEvent: onLiveEvent, onStatus: (text, connected) => {
    $('live-status').textContent = text;
    $('live-status').dataset.connected = connected;
  } });
  if (page.view.claim) openClaim(page.view.claim, {});
}

async function checkVerify() {
  const banner = $('verify-banner');
  try {
    const result = await api.verify();
    const broken = result.isIntact === false || (result.firstBrokenPosition ?? null) !== null;
    banner.hidden = !broken;
    if (broken) {
      banner.textContent = `The log failed verification: the hash chain breaks at position ${result.firstBrokenPosition ?? '?'}`
        + `${result.problem ? ` (${result.problem})` : ''}. Figures on this page may rest on altered events; run "bt verify" and investigate before relying on them.`;
    }
  } catch (error) {
    banner.hidden = false;
    banner.textContent = `The log could not be verified: ${error.message}`;
  }
}

// The ranking folds the ledger once per source and origin, so it is asked only while its list is open.
async function refreshSensitivity() {
  drawReplay(page.sensitivity, page.view, page.state, toggleReplay);
  if (!$('replay-lists').open) return;
  const key = `${page.view.dyad}|${page.view.asOf}|${page.view.knownAt}|${page.renderedPosition}`;
  if (key === page.sensitivityKey) return;
  page.sensitivityKey = key;
  const report = await api.sensitivity(page.view).catch(() => null);
  if (page.sensitivityKey !== key) return;
  page.sensitivity = report;
  drawReplay(report, page.view, page.state, toggleReplay);
  $('replay').dataset.state = report ? 'ready' : 'error';
}

function toggleReplay(field, name, kept) {
  const names = new Set(page.view[field] ?? []);
  if (kept) names.delete(name);
  else names.add(name);
  setView({ [field]: [...names] });
}

async function refreshScores(force) {
  const domain = currentDomain();
  const replayKey = JSON.stringify([page.view.withoutSource, page.view.withoutOrigin, page.view.minReliability, page.view.minCredibility]);
  const key = `${page.view.knownAt}|${page.view.dyad}|${domain.from}|${domain.to}|${page.renderedPosition}|${replayKey}`;
  if (!force && key === page.scoreKey) return;
  page.scoreKey = key;
  const generation = page.generation;
  const days = sampleDays(page.fullTimeline.items, domain);
  const started = performance.now();
  const { dyad, knownAt, withoutSource, withoutOrigin, minReliability, minCredibility } = page.view;
  const scores = await scoreHistory(days, { dyad, knownAt, withoutSource, withoutOrigin, minReliability, minCredibility }, () => page.scoreKey !== key).catch(() => null);
  if (!scores || page.scoreKey !== key) return;
  window.__bt.timings.scoreHistoryMs = performance.now() - started;
  page.scores = scores;
  if (generation === page.generation) renderTimeline();
  $('timeline').dataset.scores = String(scores.length);
  $('timeline').dataset.scoreKey = key;
}

function askForKey() {
  const form = $('key-form');
  form.hidden = false;
  $('key-input').focus();
}

// ---- live -------------------------------------------------------------------------------------

const refreshFromLive = debounce(async () => {
  await load({ resample: true });
  $('live-status').textContent = `live: up to date with the log (#${page.renderedPosition})`;
  checkVerify();
}, 250);

const renderKnownAtSoon = debounce(() => renderKnownAt(), 100);

function onLiveEvent(line) {
  if (line.recorded) {
    const position = Number(line.position) || 0;
    page.recordingStops.set(line.recorded, Math.max(page.recordingStops.get(line.recorded) ?? 0, position));
    renderKnownAtSoon();
  }
  if (page.loaded && !page.view.knownAt && Number(line.position) > page.renderedPosition) {
    const what = line.data?.claimId ? `${line.type} ${line.data.claimId}` : line.type;
    $('live-status').textContent = `live: #${line.position} ${what ?? 'event'} recorded; updating…`;
    refreshFromLive();
  }
}

// ---- rendering --------------------------------------------------------------------------------

function currentDomain() {
  const items = page.fullTimeline?.items ?? [];
  const spans = items.flatMap(i => candidates(i.when));
  const earliest = spans.length ? Math.min(...spans.map(c => c.from)) : toDay(today()) - 365;
  const latest = spans.length ? Math.max(...spans.map(c => c.to)) : toDay(today());
  const windowStart = page.view.window === 'all' ? earliest : toDay(`${page.view.window}-01-01`);
  const from = Math.min(windowStart, latest - 30);
  const asOf = page.view.asOf ? toDay(page.view.asOf) : latest;
  return { from, to: Math.max(latest, Math.min(asOf, toDay(today()))) + 45 };
}

function renderAll() {
  $('dyad-name').textContent = page.timeline.dyad ? page.timeline.dyad.replace('-', '–') : 'BilateralTimeline';
  if (!page.view.dyad && page.timeline.dyad) page.view.dyad = '';
  renderFilters();
  renderAsOf();
  renderKnownAt();
  renderTimeline();
  drawState($('state-body'), page.state, page.view, openClaimFromAudit);
}

function shownItems() {
  return filterItems(page.timeline.items, claimFilter(page.view, page.actors));
}

function renderTimeline() {
  if (!page.timeline) return;
  const items = shownItems();
  const dated = items.filter(i => candidates(i.when).length > 0);
  const undated = items.filter(i => candidates(i.when).length === 0);
  const domain = currentDomain();
  const asOfDay = page.view.asOf ? toDay(page.view.asOf) : toDay(today());
  const container = $('timeline');
  // Redraws (scores arriving, live updates, resizing) must not take the keyboard focus away from a bar.
  const focusedId = container.contains(document.activeElement) ? document.activeElement.dataset?.itemId : undefined;
  drawTimeline(container, {
    items: dated, domain, asOfDay, scores: page.scores, freshIds: page.freshIds,
    selectedItemId: page.selectedItemId,
    onOpen: item => openClaim(bestClaim(item).claimId, { item }),
    onHover: item => { $('hover-caption').textContent = describeItem(item); },
  });
  if (focusedId) container.querySelector(`g.item[data-item-id="${CSS.escape(focusedId)}"]`)?.focus({ preventScroll: true });
  container.dataset.state = 'ready';
  container.dataset.items = String(dated.length);
  container.dataset.asOf = page.timeline.asOf;
  container.dataset.lastPosition = String(page.timeline.lastPosition ?? 0);
  const total = page.timeline.items.length;
  $('timeline-count').textContent = `(${dated.length} dated, ${undated.length} undated${items.length < total ? `; ${total - items.length} hidden by filters` : ''})`;
  $('undated-count').textContent = `(${undated.length})`;
  clear($('undated-list'), undated.map(item => h('li', {},
    h('button', { type: 'button', class: 'undated-item', dataset: { itemId: item.id }, onclick: () => openClaim(bestClaim(item).claimId, { item }) },
      h('span', { class: 'swatch', style: `background:${kindColour(itemKind(item))}` }), item.title))));
  renderLegend(items);
}

function bestClaim(item) {
  const claims = item.shownClaims?.length ? item.shownClaims : item.claims;
  return [...claims].sort((a, b) => Number(a.retracted) - Number(b.retracted) || (b.confidenceScore ?? 0) - (a.confidenceScore ?? 0))[0];
}

function renderLegend(items) {
  const kinds = [...new Set(items.map(itemKind))].sort();
  clear($('legend'),
    h('ul', { class: 'legend-kinds' }, kinds.map(kind => h('li', {}, h('span', { class: 'swatch', style: `background:${kindColour(kind)}` }), kind))),
    h('ul', { class: 'legend-marks' },
      h('li', {}, h('span', { class: 'swatch faint' }), 'pale = low confidence, solid = high'),
      h('li', {}, h('span', { class: 'swatch hatched' }), 'hatched = possibly by the as-of date'),
      h('li', {}, h('strong', { class: 'contested-mark' }, '?'), ' contested; dashed links join alternative dates'),
      h('li', {}, '◂ begins before the window')));
}

function renderFilters() {
  const full = page.fullTimeline;
  if (!full) return;
  const kinds = [...new Set(full.items.flatMap(i => i.claims.map(c => c.kind)))];
  fillOptions($('filter-kind'), kinds, page.view.kind);
  fillOptions($('filter-actor'), [...page.actors.keys()], page.view.actor);
  const sourceNames = new Map(page.sources.map(s => [s.sourceId, `${s.sourceId} — ${s.outlet}`]));
  for (const c of full.items.flatMap(i => i.claims)) if (!sourceNames.has(c.sourceId)) sourceNames.set(c.sourceId, `${c.sourceId} — ${c.outlet}`);
  fillOptions($('filter-source'), [...sourceNames.keys()], page.view.source, id => sourceNames.get(id) ?? id);
  $('filter-confidence').value = page.view.minConfidence;
  $('filter-confidence-value').textContent = page.view.minConfidence;
  $('window').value = page.view.window;
}

function renderAsOf() {
  const slider = $('as-of');
  const domain = currentDomain();
  const max = Math.max(toDay(today()), domain.to);
  slider.min = String(domain.from);
  slider.max = String(max);
  const day = page.view.asOf ? toDay(page.view.asOf) : toDay(today());
  slider.value = String(day);
  slider.setAttribute('aria-valuetext', page.view.asOf ? readable(page.view.asOf) : `today, ${readable(today())}`);
  $('as-of-value').textContent = page.view.asOf ? readable(page.view.asOf) : `today (${readable(today())})`;
  $('as-of-date').value = page.view.asOf || today();
}

function renderKnownAt() {
  const slider = $('known-at');
  const stops = knownAtStops();
  slider.max = String(stops.length);
  slider.disabled = stops.length === 0;
  const index = page.view.knownAt ? stops.indexOf(page.view.knownAt) : stops.length;
  slider.value = String(index < 0 ? stops.length : index);
  const text = page.view.knownAt
    ? `${readableInstant(page.view.knownAt)}${page.recordingStops.has(page.view.knownAt) ? ` (events up to #${page.recordingStops.get(page.view.knownAt)})` : ''}`
    : `now (everything recorded${page.renderedPosition ? `, up to #${page.renderedPosition}` : ''})`;
  $('known-at-value').textContent = text;
  slider.setAttribute('aria-valuetext', text);
}

function knownAtStops() {
  const stops = [...page.recordingStops.keys()];
  if (page.view.knownAt && !page.recordingStops.has(page.view.knownAt)) stops.push(page.view.knownAt);
  return stops.sort((a, b) => Date.parse(a) - Date.parse(b));
}

// ---- claims -----------------------------------------------------------------------------------

function openClaimFromAudit(claimId, options) {
  openClaim(claimId, options);
}

// An open claim is re-read when what it depends on moved: the recording time, or a new event in the log.
function refreshOpenClaim() {
  if ($('claim-panel').hidden || !page.view.claim) return;
  const key = `${page.view.knownAt}|${page.renderedPosition}`;
  if (key === page.claimKey) return;
  openClaim(page.view.claim, { quiet: true });
}

function openClaim(claimId, { item, toQuote, quiet }) {
  if (!quiet && !$('claim-panel').contains(document.activeElement)) page.lastFocus = document.activeElement;
  const owner = item ?? page.timeline?.items.find(i => i.claims.some(c => c.claimId === claimId));
  page.selectedItemId = owner?.id;
  page.view.claim = claimId;
  writeView(page.view);
  page.claimKey = `${page.view.knownAt}|${page.renderedPosition}`;
  const generation = ++page.claimGeneration;
  document.body.classList.add('claim-open');
  showClaim($('claim-panel'), claimId, {
    item: owner, view: page.view, toQuote, quiet, onOpenClaim: openClaim, isCurrent: () => generation === page.claimGeneration,
  });
  renderTimeline();
}

function closeClaim() {
  $('claim-panel').hidden = true;
  document.body.classList.remove('claim-open');
  page.view.claim = '';
  page.selectedItemId = undefined;
  writeView(page.view);
  renderTimeline();
  const back = page.lastFocus?.dataset?.itemId
    ? document.querySelector(`[data-item-id="${CSS.escape(page.lastFocus.dataset.itemId)}"]`)
    : page.lastFocus;
  (back && document.contains(back) ? back : $('timeline-heading')).focus?.();
}

// ---- controls ---------------------------------------------------------------------------------

function setView(changes, { reload = true } = {}) {
  Object.assign(page.view, changes);
  writeView(page.view);
  if (reload) load();
  else renderTimeline();
}

const loadSoon = debounce(() => load(), 120);

function wireControls() {
  // Enter in a control must not submit the form (and reload the page); an inline onsubmit would be refused by the Content-Security-Policy.
  $('controls').addEventListener('submit', event => event.preventDefault());
  const asOf = $('as-of');
  asOf.addEventListener('input', () => {
    const day = Number(asOf.value);
    page.view.asOf = day >= toDay(today()) ? '' : fromDay(day);
    writeView(page.view);
    $('as-of-value').textContent = page.view.asOf ? readable(page.view.asOf) : 'today';
    loadSoon();
  });
  asOf.addEventListener('keydown', event => {
    const jump = { PageUp: 30, PageDown: -30 }[event.key];
    if (!jump) return;
    event.preventDefault();
    asOf.value = String(Number(asOf.value) + jump);
    asOf.dispatchEvent(new Event('input'));
  });
  $('as-of-date').addEventListener('change', event => {
    const value = event.target.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setView({ asOf: value >= today() ? '' : value });
  });

  const knownAt = $('known-at');
  knownAt.addEventListener('input', () => {
    const stops = knownAtStops();
    const index = Number(knownAt.value);
    page.view.knownAt = index >= stops.length ? '' : stops[index];
    writeView(page.view);
    renderKnownAt();
    loadSoon();
  });

  const filter = (id, field) => $(id).addEventListener('change', event => setView({ [field]: event.target.value }, { reload: false }));
  filter('filter-kind', 'kind');
  filter('filter-actor', 'actor');
  filter('filter-source', 'source');
  $('filter-confidence').addEventListener('input', event => {
    $('filter-confidence-value').textContent = event.target.value;
    setView({ minConfidence: event.target.value }, { reload: false });
  });
  $('min-reliability').addEventListener('change', event => setView({ minReliability: event.target.value }));
  $('min-credibility').addEventListener('change', event => setView({ minCredibility: event.target.value }));
  $('replay-lists').addEventListener('toggle', () => refreshSensitivity());
  $('window').addEventListener('change', event => {
    setView({ window: event.target.value }, { reload: false });
    renderAsOf();
    refreshScores();
  });
  $('reset-view').addEventListener('click', () => {
    page.view = { ...readView(''), dyad: page.view.dyad };
    writeView(page.view);
    closeClaim();
    load();
  });
  $('claim-close').addEventListener('click', closeClaim);
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    setApiKey($('key-input').value.trim());
    $('key-form').hidden = true;
    load();
  });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !$('claim-panel').hidden) closeClaim();
  });
  // Only a change of width re-lays the bars; the height follows from the lanes.
  let width = 0;
  new ResizeObserver(debounce(() => {
    const now = $('timeline').clientWidth;
    if (now !== width) {
      width = now;
      renderTimeline();
    }
  }, 100)).observe($('timeline'));
}

wireControls();
load();
