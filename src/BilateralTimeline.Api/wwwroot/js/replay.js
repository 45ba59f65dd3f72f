import { clear, h } from './dom.js';

// The sensitivity replay's controls: every source and origin of the ledger as a checkbox (ticked: kept),
// labelled with how far the score at the as-of date moves without it (GET /api/sensitivity), and the
// two grade minimums. Unticking one re-asks the state, the timeline and the score line without it.

const signed = value => (value === null || value === undefined ? 'n/a'
  : value > 0 ? `+${value.toFixed(2)}` : value < 0 ? `−${Math.abs(value).toFixed(2)}` : '0.00');

export const replayActive = view =>
  (view.withoutSource?.length ?? 0) + (view.withoutOrigin?.length ?? 0) > 0 || Boolean(view.minReliability) || Boolean(view.minCredibility);

/** Draws the lists from the report (null while it is not loaded: the view's own choices still show). */
export function drawReplay(report, view, state, onToggle) {
  const rows = report?.rows ?? [];
  list('replay-sources', 'Sources', rows.filter(r => r.without === 'source'), view.withoutSource ?? [], 'withoutSource', onToggle);
  list('replay-origins', 'Origins (outlets, agencies, speakers, organisations)', rows.filter(r => r.without === 'origin'), view.withoutOrigin ?? [], 'withoutOrigin', onToggle);
  document.getElementById('min-reliability').value = view.minReliability ?? '';
  document.getElementById('min-credibility').value = view.minCredibility ?? '';
  const baseline = document.getElementById('replay-baseline');
  baseline.dataset.active = String(replayActive(view));
  const now = state ? `${signed(state.score)} ${state.band}` : '';
  baseline.textContent = report
    ? `All claims: ${signed(report.baselineScore)} ${report.baselineBand}${replayActive(view) ? `; this replay: ${now}` : ''}`
    : replayActive(view) ? `This replay: ${now}` : '';
}

function list(id, title, rows, left, field, onToggle) {
  const leftOut = new Set(left);
  const known = new Set(rows.map(r => r.name));
  const boxes = rows.map(r => box(field, r.name, !leftOut.has(r.name), onToggle,
    `(${r.claimsLeftOut} claim${r.claimsLeftOut === 1 ? '' : 's'}; without it ${signed(r.shift)}${r.bandChanged ? `, ${r.band}` : ''})`, r.originKind));
  // A name from a shared link that this ledger does not know stays visible, as the filters keep theirs.
  for (const name of left) if (!known.has(name)) boxes.push(box(field, name, false, onToggle, '(not in this view)'));
  clear(document.getElementById(id), h('strong', {}, title), boxes);
}

function box(field, name, kept, onToggle, note, kind) {
  return h('label', {},
    h('input', { type: 'checkbox', checked: kept, dataset: { field, name }, onchange: event => onToggle(field, name, event.target.checked) }),
    kind ? `${kind} ${name}` : name, ' ', h('span', { class: 'hint' }, note));
}
