import { clear, h } from './dom.js';
import { readable, readableInstant } from './dates.js';

/** The relationship at the as-of date; every figure lists the claims that moved it, one click from their quotes. */
export function drawState(container, state, view, onOpenClaim) {
  const claimLinks = ids => h('span', { class: 'claim-links' },
    (ids ?? []).map(id => h('button', {
      type: 'button', class: 'claim-link', dataset: { claimId: id },
      'aria-label': `Open claim ${id} at its quote`, onclick: () => onOpenClaim(id, { toQuote: true }),
    }, id)));

  const sign = value => (value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0');
  const crisisKeys = new Set((state.openCrises ?? []).map(c => c.subject));

  container.dataset.state = 'ready';
  container.dataset.asOf = state.asOf;
  container.dataset.knownAt = view.knownAt || 'now';
  container.dataset.band = state.band;
  container.dataset.score = state.score;
  clear(container,
    h('p', { class: 'state-times' },
      `As of ${readable(state.asOf)}, known at ${view.knownAt ? readableInstant(view.knownAt) : 'now'} (log position ${state.lastPosition}).`),
    h('div', { class: 'headline' },
      h('span', { id: 'state-score', class: `score-figure band-${state.band}` }, sign(state.score)),
      h('span', { id: 'state-band', class: `band band-${state.band}` }, state.band),
      h('span', { class: 'considered' }, `${state.claimsConsidered} claims considered, ${state.claimsRetracted} retracted`)),

    h('h3', {}, 'In force'),
    list(state.inForce, f => [
      h('strong', {}, f.subject), ` ${f.status}`, f.possibly ? ' (possibly)' : '',
      crisisKeys.has(f.subject) ? h('span', { class: 'crisis-tag' }, 'open crisis') : '',
      h('span', { class: 'since' }, ` since ${f.since}`), claimLinks(f.claimIds),
    ], 'Nothing recorded in force at this date.', 'in-force'),

    state.lastHighLevelContact ? [
      h('h3', {}, 'Last high-level contact'),
      h('p', { class: 'contact' }, state.lastHighLevelContact.title, ' ', h('span', { class: 'since' }, `(${state.lastHighLevelContact.when})`),
        state.lastHighLevelContact.possibly ? ' possibly' : '', claimLinks(state.lastHighLevelContact.claimIds)),
    ] : null,

    h('h3', {}, 'What moved the score'),
    h('p', { class: 'hint' }, 'Each share is the occurrence’s Goldstein value × its weight (confidence and standing). Buttons open the claim at its quote.'),
    // The server sends the top movers of a large dyad, not all of them; the score above weighs them all.
    state.movedByCount > (state.movedBy?.length ?? 0)
      ? h('p', { class: 'hint', id: 'moved-by-count' }, `The ${state.movedBy.length} largest of ${state.movedByCount} movers.`)
      : null,
    list(state.movedBy, m => [
      h('span', { class: `share ${m.share < 0 ? 'negative' : m.share > 0 ? 'positive' : ''}` }, sign(m.share)),
      h('span', { class: 'moved-title' }, m.title),
      h('span', { class: 'moved-meta' }, `${m.kind} · CAMEO ${m.cameo} · Goldstein ${m.goldstein} · weight ${m.weight} · ${m.standing}`),
      claimLinks(m.claimIds),
    ], 'No dated occurrence had happened by this date.', 'moved-by'));
}

function list(items, render, empty, id) {
  if (!items?.length) return h('p', { class: 'empty', id }, empty);
  return h('ul', { class: 'figures', id }, items.map(item => h('li', {}, render(item))));
}
