import { h } from './dom.js';

// The timeline's claims carry kind, source and confidence; actors come from the actors view, which
// names, for each person seen in an office, the claims that name them.

export function actorIndex(actors) {
  const index = new Map();
  for (const office of actors?.offices ?? []) {
    for (const holder of office.holders ?? []) {
      const ids = index.get(holder.holder) ?? new Set();
      for (const id of holder.claimIds ?? []) ids.add(id);
      index.set(holder.holder, ids);
    }
  }
  return index;
}

export function fillOptions(select, values, chosen, describe = v => v) {
  const first = select.options[0];
  select.replaceChildren(first);
  const sorted = [...values].sort((a, b) => describe(a).localeCompare(describe(b)));
  for (const value of sorted) {
    select.append(h('option', { value }, describe(value)));
  }
  // A filter from a shared link that names nothing here is kept visible rather than silently dropped.
  if (chosen && !values.includes(chosen)) select.append(h('option', { value: chosen }, `${chosen} (not in this view)`));
  select.value = chosen;
}

/** Whether a claim passes every active filter. */
export function claimFilter(view, actors) {
  const min = Number(view.minConfidence) || 0;
  const actorClaims = view.actor ? actors.get(view.actor) ?? new Set() : null;
  return claim =>
    (!view.kind || claim.kind === view.kind)
    && (!view.source || claim.sourceId === view.source)
    && (claim.confidenceScore ?? 0) >= min
    && (!actorClaims || actorClaims.has(claim.claimId));
}

/** An item is shown when at least one of its claims passes; it then shows only those claims. */
export function filterItems(items, passes) {
  return items
    .map(item => ({ ...item, shownClaims: item.claims.filter(passes) }))
    .filter(item => item.shownClaims.length > 0);
}
