import { clear, s } from './dom.js';
import { candidates, fromDay, readable } from './dates.js';
import { confidenceBand, kindColour, standingWords } from './words.js';

const MARGIN = { left: 46, right: 14 };
const SCORE_TOP = 32;
const SCORE_HEIGHT = 84;
const AXIS_Y = SCORE_TOP + SCORE_HEIGHT + 22;
const LANES_TOP = AXIS_Y + 12;
const LANE = 22;
const BAR = 12;

/** The strongest live claim stands for the item's confidence (the bar's opacity). */
function itemConfidence(item) {
  const claims = (item.shownClaims ?? item.claims).filter(c => !c.retracted);
  return claims.length ? Math.max(...claims.map(c => c.confidenceScore ?? 0)) : 0;
}

export const itemKind = item => (item.shownClaims ?? item.claims)[0]?.kind ?? 'unknown';

export function describeItem(item) {
  const confidence = itemConfidence(item);
  return [
    item.title,
    `when: ${item.when}${item.phrase ? ` («${item.phrase}»)` : ''}`,
    `kind: ${itemKind(item)}`,
    `confidence ${confidence} of 100 (${confidenceBand(confidence)})`,
    item.contested ? 'contested' : null,
    item.retracted ? 'retracted' : null,
    standingWords(item.standing),
    `${item.claims.length} claim${item.claims.length === 1 ? '' : 's'}`,
  ].filter(Boolean).join('. ');
}

/**
 * Draws the score line and the dated items on one time axis. Returns the items in drawing order so
 * the caller can move keyboard focus between them.
 */
export function drawTimeline(container, { items, domain, asOfDay, scores, selectedItemId, freshIds, onOpen, onHover }) {
  const width = Math.max(320, container.clientWidth || 800);
  const x = day => MARGIN.left + ((day - domain.from) / Math.max(1, domain.to - domain.from)) * (width - MARGIN.left - MARGIN.right);
  const clampX = value => Math.min(width - MARGIN.right, Math.max(MARGIN.left, value));

  const placed = layOut(items, x, clampX, width);
  const laneCount = Math.max(1, ...placed.map(p => p.lane + 1));
  const height = LANES_TOP + laneCount * LANE + 8;

  const svg = s('svg', {
    class: 'timeline-svg', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'group', 'aria-label': `Timeline of ${placed.length} dated occurrences from ${readable(fromDay(domain.from))} to ${readable(fromDay(domain.to))}`,
  });
  svg.append(definitions());
  svg.append(scoreLine(scores, x, clampX, domain, width));
  svg.append(axis(domain, x, width, height));

  const marks = s('g', { class: 'items' });
  for (const p of placed) marks.append(itemMark(p, { selectedItemId, freshIds, onOpen, onHover }));
  svg.append(marks);

  if (asOfDay >= domain.from && asOfDay <= domain.to + 1) {
    const cx = x(asOfDay + 1);
    svg.append(s('g', { class: 'as-of-cursor', 'aria-hidden': 'true' },
      s('line', { x1: cx, x2: cx, y1: 4, y2: height }),
      s('text', { x: cx + (cx > width - 140 ? -4 : 4), y: 12, 'text-anchor': cx > width - 140 ? 'end' : 'start' }, `as of ${readable(fromDay(asOfDay))}`)));
  }

  svg.addEventListener('keydown', event => moveFocus(event, svg));
  clear(container, svg);
  return placed.map(p => p.item);
}

// Each bar gets its title beside it (after its end, else before its start, else shortened), and
// bars are packed into the first lane where bar and label fit without overlapping.
const CHAR = 6.1;
const MAX_LABEL = 46;

function layOut(items, x, clampX, width) {
  const laneEnds = [];
  return items
    .map(item => ({ item, spans: candidates(item.when) }))
    .filter(p => p.spans.length > 0)
    .map(p => ({ ...p, xs: p.spans.map(c => ({ x0: clampX(x(c.from)), x1: clampX(x(c.to + 1)), clippedLeft: x(c.from) < clampX(x(c.from)) })).sort((a, b) => a.x0 - b.x0) }))
    .sort((a, b) => a.xs[0].x0 - b.xs[0].x0 || a.item.id.localeCompare(b.item.id))
    .map(p => {
      const start = p.xs[0].x0;
      const barEnd = Math.max(...p.xs.map(v => Math.max(v.x1, v.x0 + 5))) + (p.item.contested ? 12 : 4);
      const label = placeLabel(p.item.title, start, barEnd, width);
      const from = Math.min(start, label?.from ?? start);
      const to = Math.max(barEnd, label?.to ?? barEnd) + 8;
      let lane = laneEnds.findIndex(laneEnd => laneEnd < from);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = to;
      return { ...p, lane, label };
    });
}

function placeLabel(title, start, barEnd, width) {
  const shorten = (text, chars) => (text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1)).trimEnd()}…`);
  const text = shorten(title, MAX_LABEL);
  const rightRoom = width - MARGIN.right - barEnd - 4;
  const leftRoom = start - MARGIN.left - 6;
  if (text.length * CHAR <= rightRoom) return { text, x: barEnd + 2, anchor: 'start', from: barEnd, to: barEnd + 2 + text.length * CHAR };
  if (text.length * CHAR <= leftRoom) return { text, x: start - 4, anchor: 'end', from: start - 4 - text.length * CHAR, to: start };
  const chars = Math.floor(Math.max(rightRoom, leftRoom) / CHAR);
  if (chars < 12) return null;
  const short = shorten(title, chars);
  return rightRoom >= leftRoom
    ? { text: short, x: barEnd + 2, anchor: 'start', from: barEnd, to: barEnd + 2 + short.length * CHAR }
    : { text: short, x: start - 4, anchor: 'end', from: start - 4 - short.length * CHAR, to: start };
}

function itemMark({ item, xs, lane, label }, { selectedItemId, freshIds, onOpen, onHover }) {
  const colour = kindColour(itemKind(item));
  const confidence = itemConfidence(item);
  const y = LANES_TOP + lane * LANE + (LANE - BAR) / 2;
  const classes = ['item', item.contested && 'contested', item.retracted && 'retracted', item.standing === 'possibly' && 'possibly',
    item.id === selectedItemId && 'selected', freshIds?.has(item.id) && 'fresh'].filter(Boolean).join(' ');
  const g = s('g', {
    class: classes, tabindex: 0, role: 'button', 'aria-label': describeItem(item),
    dataset: { itemId: item.id, claimIds: item.claims.map(c => c.claimId).join(' '), kind: itemKind(item) },
  }, s('title', {}, describeItem(item)));

  xs.forEach((span, i) => {
    const w = Math.max(5, span.x1 - span.x0);
    if (i > 0) {
      const previous = xs[i - 1];
      g.append(s('line', { class: 'alternative-link', x1: previous.x1, x2: span.x0, y1: y + BAR / 2, y2: y + BAR / 2, stroke: colour }));
    }
    g.append(s('rect', {
      class: 'bar', x: span.x0, y, width: w, height: BAR, rx: 2,
      fill: colour, 'fill-opacity': (0.2 + 0.8 * confidence / 100).toFixed(2), stroke: colour,
    }));
    if (item.standing === 'possibly') g.append(s('rect', { class: 'hatch', x: span.x0, y, width: w, height: BAR, fill: 'url(#possibly-hatch)' }));
    if (span.clippedLeft) g.append(s('text', { class: 'clipped', x: span.x0 + 1, y: y + BAR - 2 }, '◂'));
  });
  const last = xs[xs.length - 1];
  if (item.contested) {
    g.append(s('text', { class: 'contested-mark', x: Math.max(last.x1, last.x0 + 5) + 3, y: y + BAR - 1 }, '?'));
  }
  if (label) g.append(s('text', { class: 'bar-label', x: label.x, y: y + BAR - 2, 'text-anchor': label.anchor, 'aria-hidden': 'true' }, label.text));
  g.append(s('rect', { class: 'hit', x: Math.min(...xs.map(v => v.x0)) - 2, y: y - 4, width: Math.max(...xs.map(v => v.x1)) - Math.min(...xs.map(v => v.x0)) + 16, height: BAR + 8 }));

  const open = () => onOpen(item);
  g.addEventListener('click', open);
  g.addEventListener('keydown', event => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  });
  g.addEventListener('mouseenter', () => onHover(item));
  g.addEventListener('focus', () => onHover(item));
  return g;
}

function moveFocus(event, svg) {
  const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const marks = [...svg.querySelectorAll('g.item')];
  const index = marks.indexOf(document.activeElement);
  if (index < 0) return;
  let next;
  if (event.key in keys) next = marks[Math.min(marks.length - 1, Math.max(0, index + keys[event.key]))];
  else if (event.key === 'Home') next = marks[0];
  else if (event.key === 'End') next = marks[marks.length - 1];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

function definitions() {
  return s('defs', {},
    s('pattern', { id: 'possibly-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#fff', 'stroke-width': 2.5 })));
}

function scoreLine(scores, x, clampX, domain, width) {
  const g = s('g', { class: 'score', role: 'img', 'aria-label': scoreSummary(scores) });
  const limit = Math.max(2, Math.ceil(Math.max(0, ...scores.map(p => Math.abs(p.score)))));
  const mid = SCORE_TOP + SCORE_HEIGHT / 2;
  const y = score => mid - (score / limit) * (SCORE_HEIGHT / 2 - 4);
  const title = width < 520 ? 'Relationship score (−10 … +10)' : 'Relationship score (Goldstein, −10 conflict … +10 cooperation)';
  g.append(s('text', { class: 'score-title', x: MARGIN.left, y: SCORE_TOP - 4 }, title));
  g.append(s('rect', { class: 'score-frame', x: MARGIN.left, y: SCORE_TOP, width: width - MARGIN.left - MARGIN.right, height: SCORE_HEIGHT }));
  g.append(s('line', { class: 'zero', x1: MARGIN.left, x2: width - MARGIN.right, y1: mid, y2: mid }));
  for (const [value, label] of [[limit, `+${limit}`], [0, '0'], [-limit, `−${limit}`]]) {
    g.append(s('text', { class: 'score-label', x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, label));
  }
  const points = scores.filter(p => p.day >= domain.from && p.day <= domain.to).sort((a, b) => a.day - b.day);
  if (points.length > 1) {
    // Straight segments between samples: the API's score moves gradually through an uncertain interval
    // (and by whole steps only for single days), so a step line would draw cliffs the rule does not have.
    let d = `M${clampX(x(points[0].day)).toFixed(1)},${y(points[0].score).toFixed(1)}`;
    for (const p of points.slice(1)) d += `L${clampX(x(p.day)).toFixed(1)},${y(p.score).toFixed(1)}`;
    g.append(s('path', { class: 'score-line', d }));
  }
  for (const p of points) {
    g.append(s('circle', { class: 'score-point', cx: clampX(x(p.day)), cy: y(p.score), r: 2.5 },
      s('title', {}, `${readable(fromDay(p.day))}: ${p.score} (${p.band})`)));
  }
  if (points.length === 0) {
    g.append(s('text', { class: 'score-label', x: MARGIN.left + 8, y: mid - 6 }, 'computing the score over time…'));
  }
  return g;
}

function scoreSummary(scores) {
  if (!scores.length) return 'Relationship score over time: not computed yet';
  const sorted = [...scores].sort((a, b) => a.day - b.day);
  const low = sorted.reduce((a, b) => (b.score < a.score ? b : a));
  const high = sorted.reduce((a, b) => (b.score > a.score ? b : a));
  return `Relationship score over time: lowest ${low.score} (${low.band}) on ${readable(fromDay(low.day))}, highest ${high.score} (${high.band}) on ${readable(fromDay(high.day))}`;
}

function axis(domain, x, width, height) {
  const g = s('g', { class: 'axis', 'aria-hidden': 'true' });
  g.append(s('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: AXIS_Y, y2: AXIS_Y }));
  const first = Number(fromDay(domain.from).slice(0, 4));
  const last = Number(fromDay(domain.to).slice(0, 4));
  const pixelsPerYear = (width - MARGIN.left - MARGIN.right) / Math.max(1, (domain.to - domain.from) / 365.25);
  const step = [1, 2, 5, 10].find(n => n * pixelsPerYear >= 52) ?? 20;
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
    const day = Date.UTC(year, 0, 1) / 86_400_000;
    if (day < domain.from) continue;
    const tx = x(day);
    g.append(s('line', { class: 'tick', x1: tx, x2: tx, y1: SCORE_TOP, y2: height }));
    g.append(s('text', { x: tx, y: AXIS_Y - 6, 'text-anchor': 'middle' }, String(year)));
  }
  return g;
}
