// The JSON API of `marsad serve` (read-only GETs).

export function queryString(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    search.set(key, value === true ? 'true' : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function getJSON(path, params = {}) {
  const url = path + queryString(params);
  let response;
  try {
    response = await fetch(url, {headers: {Accept: 'application/json'}});
  } catch (err) {
    throw new Error(`${url}: the server did not answer (${err.message})`);
  }
  if (!response.ok) {
    let detail = '';
    try {
      const body = await response.json();
      detail = typeof body.detail === 'string' ? `: ${body.detail}` : '';
    } catch (err) {
      // no JSON error body
    }
    throw new Error(`${url}: HTTP ${response.status}${detail}`);
  }
  return response.json();
}

// The map's features (slim: a popup fetches the whole record), page by page (the API
// serves at most GEO_PAGE a call), up to GEO_MAX; `total` says how many events match, `unplaced` how many of those fetched have
// no coordinates.
const GEO_PAGE = 1000;
const GEO_MAX = 20000;

export async function getAllFeatures(filters) {
  const first = await getJSON('/api/geo/points', {...filters, limit: GEO_PAGE, offset: 0});
  const total = first.total ?? first.features.length;
  const offsets = [];
  for (let offset = GEO_PAGE; offset < Math.min(total, GEO_MAX); offset += GEO_PAGE) offsets.push(offset);
  const pages = [first];
  for (let i = 0; i < offsets.length; i += 4) { // four requests at a time
    pages.push(...await Promise.all(offsets.slice(i, i + 4).map((offset) =>
      getJSON('/api/geo/points', {...filters, limit: GEO_PAGE, offset}))));
  }
  return {
    type: 'FeatureCollection',
    features: pages.flatMap((page) => page.features || []),
    total,
    unplaced: pages.reduce((n, page) => n + (page.unplaced || 0), 0),
    capped: total > GEO_MAX,
  };
}

// Lists come as {items: [...]} (paged) or as a bare array.
export function itemsOf(data) {
  if (Array.isArray(data)) return data;
  return (data && Array.isArray(data.items)) ? data.items : [];
}

// The id in a page path such as /incidents/inc-1 or /documents/a%2Fb.
export function idFromPath(prefix) {
  const path = window.location.pathname;
  if (!path.startsWith(prefix)) return null;
  const raw = path.slice(prefix.length).replace(/\/+$/, '');
  try {
    return raw ? decodeURIComponent(raw) : null;
  } catch (err) {
    return null;
  }
}

export function incidentHref(id) {
  return `/incidents/${encodeURIComponent(id)}`;
}

export function documentHref(id, eventId) {
  const base = `/documents/${encodeURIComponent(id)}`;
  return eventId ? `${base}#${anchorId(eventId)}` : base;
}

export function anchorId(eventId) {
  return `ev-${String(eventId).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
