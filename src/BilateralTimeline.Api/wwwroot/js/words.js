// Admiralty grades in words, so an analyst never has to remember what "C3" means.
const RELIABILITY = {
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable',
  D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged',
};
const CREDIBILITY = {
  1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true',
  4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged',
};

export const reliabilityWords = letter => RELIABILITY[letter] ?? `reliability ${letter}`;
export const credibilityWords = digit => CREDIBILITY[digit] ?? `credibility ${digit}`;

export function confidenceBand(score) {
  if (score >= 70) return 'high';
  if (score >= 45) return 'moderate';
  if (score >= 25) return 'low';
  return 'very low';
}

// Colours by kind, grouped so that conflict reads warm and cooperation cool; every colour keeps at
// least 3:1 contrast against the white background (WCAG non-text contrast) at full opacity.
const KIND_COLOURS = {
  assault: '#b2182b', 'reduce-relations': '#8c2d04', accusation: '#c2410c', 'force-posture': '#b45309',
  rejection: '#be185d', criticism: '#9d174d', accident: '#7f1d1d', appeal: '#a16207',
  visit: '#1d4ed8', meeting: '#2563eb', agreement: '#166534', 'economic-cooperation': '#15803d',
  'military-cooperation': '#0f766e', 'intent-to-cooperate': '#0e7490', praise: '#047857',
  statement: '#6d28d9', policy: '#7c3aed', assessment: '#5b21b6', 'media-coverage': '#525252',
  procurement: '#92400e', movement: '#374151',
};

export function kindColour(kind) {
  if (KIND_COLOURS[kind]) return KIND_COLOURS[kind];
  let hash = 0;
  for (const c of kind ?? '') hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 32%)`;
}

export function standingWords(standing) {
  return {
    occurred: 'had occurred by the as-of date',
    possibly: 'possibly by then (its interval straddles the as-of date)',
    undated: 'undated',
  }[standing] ?? standing;
}
