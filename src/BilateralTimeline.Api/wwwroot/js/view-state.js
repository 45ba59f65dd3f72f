// The whole view lives in the URL's query string, so a copied address reopens the same picture.
const FIELDS = ['dyad', 'asOf', 'knownAt', 'kind', 'actor', 'source', 'minConfidence', 'window', 'claim', 'minReliability', 'minCredibility'];
// The sensitivity replay's repeatable parameters, named as the API names them.
const LISTS = ['withoutSource', 'withoutOrigin'];

export function readView(search = location.search) {
  const query = new URLSearchParams(search);
  const view = {};
  for (const field of FIELDS) view[field] = query.get(field) || '';
  for (const field of LISTS) view[field] = query.getAll(field).filter(Boolean);
  if (!/^[A-F]$/.test(view.minReliability)) view.minReliability = '';
  if (!/^[1-6]$/.test(view.minCredibility)) view.minCredibility = '';
  if (view.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(view.asOf)) view.asOf = '';
  view.minConfidence = clampConfidence(view.minConfidence);
  if (!['all', '2017', '2022'].includes(view.window)) view.window = '2017';
  return view;
}

export function writeView(view) {
  const query = new URLSearchParams();
  for (const field of FIELDS) {
    const value = view[field];
    if (value && !(field === 'minConfidence' && value === '0') && !(field === 'window' && value === '2017')) {
      query.set(field, value);
    }
  }
  for (const field of LISTS) for (const value of view[field] ?? []) query.append(field, value);
  const search = query.size ? `?${query}` : '';
  if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
}

function clampConfidence(value) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? String(Math.min(100, Math.max(0, n))) : '0';
}
