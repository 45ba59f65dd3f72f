// The page reads only the HTTP API; every query carries the view's two times.

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A key is needed only when the server is not started with --public-read. It stays in this tab's
// session storage and never enters the address, which is meant to be shared.
const KEY = 'bt-api-key';

export const apiKey = () => sessionStorage.getItem(KEY) ?? '';

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

function headers(accept) {
  const result = { Accept: accept };
  if (apiKey()) result['X-Api-Key'] = apiKey();
  return result;
}

async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) query.append(name, item);
    else if (value) query.set(name, value);
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: headers('application/json') });
  if (!response.ok) throw new ApiError(response.status, await problemText(response, url));
  return response.json();
}

async function problemText(response, url) {
  try {
    const body = await response.json();
    // A refused replay names its parameter and the fix: show them, not only the count of problems.
    const errors = (body.errors ?? []).map(e => `${e.field}: ${e.message}`).join('; ');
    return `${url}: ${body.detail || body.title || response.statusText}${errors ? ` (${errors})` : ''}`;
  } catch {
    return `${url}: HTTP ${response.status}`;
  }
}

// The sensitivity replay rides on the state and timeline questions; the server re-folds the ledger without what it names.
export const replay = view => ({
  withoutSource: view.withoutSource ?? [], withoutOrigin: view.withoutOrigin ?? [],
  minReliability: view.minReliability, minCredibility: view.minCredibility,
});

const times = view => ({ dyad: view.dyad, asOf: view.asOf, knownAt: view.knownAt, ...replay(view) });

export const api = {
  // The API answers a page at a time; the page shows the whole timeline, so it follows every next cursor.
  async timeline(view) {
    let page = await getJson('/api/timeline', times(view));
    const items = [...page.items];
    while (page.next) {
      page = await getJson('/api/timeline', { ...times(view), cursor: page.next });
      items.push(...page.items);
    }
    return { ...page, items, next: undefined };
  },
  state: view => getJson('/api/state', times(view)),
  trace: (claimId, view) => getJson(`/api/claims/${encodeURIComponent(claimId)}/trace`, { knownAt: view.knownAt }),
  actors: view => getJson('/api/actors', { dyad: view.dyad, knownAt: view.knownAt }),
  sources: view => getJson('/api/sources', { dyad: view.dyad, knownAt: view.knownAt }),
  verify: () => getJson('/api/verify'),
  sensitivity: view => getJson('/api/sensitivity', { dyad: view.dyad, asOf: view.asOf, knownAt: view.knownAt }),

  /** The source's full text, or null when the store did not keep it (the trace still has the quote's context). */
  async sourceText(sourceId) {
    const response = await fetch(`/api/sources/${encodeURIComponent(sourceId)}/text`, { headers: headers('application/json, text/plain') });
    if (response.status === 404) return null;
    if (!response.ok) throw new ApiError(response.status, `source text of ${sourceId}: HTTP ${response.status}`);
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      const body = await response.json();
      return typeof body === 'string' ? body : body.text ?? null;
    }
    return response.text();
  },
};
