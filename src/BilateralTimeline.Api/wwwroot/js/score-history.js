import { api } from './api.js';
import { candidates, fromDay } from './dates.js';

// The API answers the state at one date (the one scoring rule: an uncertain interval weighs the share
// of its days before the date, so the score slides through an interval instead of stepping at its
// start); the line joins the state at the dates where its slope can change (each interval's day
// before, first day and last day) plus a quarterly grid, asked a few at a time.
const PARALLEL = 4;
const MAX_SAMPLES = 64;

export function sampleDays(items, domain) {
  const days = new Set([domain.from, domain.to]);
  for (const item of items) {
    for (const c of candidates(item.when)) {
      for (const day of [c.from - 1, c.from, c.to]) if (day > domain.from && day < domain.to) days.add(day);
    }
  }
  const quarter = 91;
  for (let day = domain.from; day < domain.to; day += quarter) days.add(day);
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length <= MAX_SAMPLES) return sorted;
  const stride = sorted.length / MAX_SAMPLES;
  return Array.from({ length: MAX_SAMPLES }, (_, i) => sorted[Math.floor(i * stride)]).concat(domain.to);
}

/** Fetches the score at each day; stops early (returning null) when <paramref name="isStale"/> says so. */
export async function scoreHistory(days, view, isStale) {
  const results = [];
  let next = 0;
  async function worker() {
    while (next < days.length) {
      if (isStale()) return;
      const day = days[next++];
      const state = await api.state({ ...view, asOf: fromDay(day) });
      // A day with no scored claim (before the first, or in a replay that left them out) has no point:
      // the answer then has no score, and a missing number would make the whole line NaN.
      if (typeof state.score === 'number') results.push({ day, score: state.score, band: state.band });
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return isStale() ? null : results.sort((a, b) => a.day - b.day);
}
