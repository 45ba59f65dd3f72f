// Dates are calendar days (UTC) on the valid-time axis; "YYYY-MM-DD" is the wire form.
const DAY = 86_400_000;

export const toDay = iso => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
export const fromDay = day => new Date(day * DAY).toISOString().slice(0, 10);
export const today = () => fromDay(Math.floor(Date.now() / DAY));

/** "2024-01-22 | 2022-01-22..2022-02-28" → [{from, to}] in days; [] for "unknown". */
export function candidates(when) {
  if (!when || when === 'unknown') return [];
  return when.split('|').map(part => part.trim()).filter(Boolean).map(part => {
    const [from, to] = part.split('..');
    return { from: toDay(from), to: toDay(to ?? from) };
  }).filter(c => Number.isFinite(c.from) && Number.isFinite(c.to));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function readable(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function readableInstant(iso) {
  if (!iso) return 'now';
  const date = new Date(iso);
  return `${readable(date.toISOString())} ${date.toISOString().slice(11, 19)} UTC`;
}
