// The event map: offline vector basemap (Natural Earth borders), events or incidents as
// clustered markers coloured by type and sized by the number of reports.
/* global L */
import {el} from './dom.js';
import {getJSON, incidentHref, documentHref} from './api.js';
import {actorText, placeText, eventPlace, sourceNames, typeClass, plural} from './format.js';

const ATTRIBUTION = 'Borders: Natural Earth (public domain)';
const PROVINCES_FROM_ZOOM = 5;

export function createMap(container) {
  const map = L.map(container, {preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 13,
    zoomSnap: 0.5});
  map.setView([33, 40], 4);
  map.attributionControl.setPrefix(false);
  const view = {map, cluster: null, provinces: null, eventCache: new Map(), fitted: false};
  loadBasemap(view);
  return view;
}

async function loadBasemap(view) {
  const {map} = view;
  try {
    const countries = await getJSON('/static/basemap/countries.geojson');
    L.geoJSON(countries, {interactive: false, className: 'basemap-country',
      style: {color: '#7d8590', weight: 1, fillColor: '#f4f1ea', fillOpacity: 1},
      attribution: ATTRIBUTION}).addTo(map);
  } catch (err) {
    map.attributionControl.addAttribution(`basemap missing: run python tools/build_web.py`);
    return;
  }
  const showProvinces = async () => {
    const wanted = map.getZoom() >= PROVINCES_FROM_ZOOM;
    if (wanted && !view.provinces) {
      view.provinces = 'loading';
      try {
        const admin1 = await getJSON('/static/basemap/admin1.geojson');
        view.provinces = L.geoJSON(admin1, {interactive: false,
          style: {color: '#b4b9c0', weight: 0.6, fill: false, dashArray: '3 3'}});
      } catch (err) {
        view.provinces = null;
        return;
      }
    }
    if (view.provinces === 'loading' || !view.provinces) return;
    const shown = map.hasLayer(view.provinces);
    if (map.getZoom() >= PROVINCES_FROM_ZOOM && !shown) view.provinces.addTo(map);
    else if (map.getZoom() < PROVINCES_FROM_ZOOM && shown) map.removeLayer(view.provinces);
  };
  map.on('zoomend', showProvinces);
  showProvinces();
}

function markerSize(reports) {
  return 12 + 4 * Math.min(Math.max(reports || 1, 1) - 1, 6);
}

// A cluster shows how many markers it holds, ringed in the colour of its commonest type.
function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const reports = markers.reduce((sum, marker) => sum + (marker.options.reports || 1), 0);
  const byType = new Map();
  for (const marker of markers) byType.set(marker.options.type, (byType.get(marker.options.type) || 0) + 1);
  const commonest = [...byType.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(b[0]))[0][0];
  const size = Math.round(26 + Math.min(24, 6 * Math.log2(reports + 1)));
  return L.divIcon({html: el('div', {}, el('span', {text: String(cluster.getChildCount())})),
    className: `cluster-marker ${typeClass(commonest)}`, iconSize: [size, size]});
}

// Events as markers, or (incidents mode) one marker per incident at its first report's place.
export function showEvents(view, collection, {incidents = false} = {}) {
  const {map} = view;
  if (view.cluster) map.removeLayer(view.cluster);
  view.cluster = L.markerClusterGroup({iconCreateFunction: clusterIcon, maxClusterRadius: 45,
    showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true});
  const features = (collection && collection.features) || [];
  const located = features.filter((f) => f.geometry && f.geometry.type === 'Point');
  const groups = incidents ? byIncident(located) : located.map((f) => [f]);
  const markers = groups.map((group) => makeMarker(view, group, incidents));
  view.cluster.addLayers(markers);
  view.cluster.addTo(map);
  if (!view.fitted && markers.length) {
    map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.3), {maxZoom: 7});
    view.fitted = true;
  }
  container(view).dataset.markers = String(markers.length);
  container(view).dataset.events = String(located.length);
  return {events: located.length, markers: markers.length};
}

function container(view) {
  return view.map.getContainer();
}

function byIncident(features) {
  const groups = new Map();
  for (const feature of features) {
    const key = feature.properties.incident_id || `event:${feature.properties.event_id}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(feature);
  }
  return [...groups.values()];
}

function makeMarker(view, group, incidents) {
  const props = group[0].properties;
  const [lon, lat] = group[0].geometry.coordinates;
  const reports = Math.max(props.n_reports || 1, incidents ? group.length : 1);
  const size = markerSize(reports);
  const kind = incidents ? 'inc-marker' : 'ev-marker';
  const icon = L.divIcon({className: `${kind} ${typeClass(props.type)}`, iconSize: [size, size],
    html: el('span', {class: 'marker-dot'})});
  const title = [props.type, props.date, placeName(props)].filter(Boolean).join(' · ');
  const marker = L.marker([lat, lon], {icon, title, alt: title, reports, type: props.type,
    keyboard: true});
  marker.bindPopup(() => popupFor(view, group, incidents), {maxWidth: 320, minWidth: 220});
  return marker;
}

function popupFor(view, group, incidents) {
  const props = group[0].properties;
  const box = el('div', {class: 'popup'},
    el('p', {class: 'popup-head'},
      el('span', {class: `type-chip ${typeClass(props.type)}`, text: props.type || '?'}), ' ',
      el('span', {text: props.date || 'undated'})));
  const body = el('div', {class: 'popup-body'}, el('p', {class: 'muted', text: 'Loading…'}));
  box.appendChild(body);
  fillPopup(view, body, group, incidents).catch((err) => {
    body.replaceChildren(el('p', {class: 'error', text: err.message}));
  });
  return box;
}

async function fillPopup(view, body, group, incidents) {
  const props = group[0].properties;
  // Features carry the whole event record; a slimmer feature is completed from the API.
  const event = 'actor' in props ? props : await eventRecord(view, props.event_id);
  const rows = [];
  if (event) {
    rows.push(['Actor', actorText(event.actor) || 'not named']);
    if (event.recipient) rows.push(['Against / with', actorText(event.recipient)]);
    const main = eventPlace(event);
    rows.push(['Place', placeText(main) || placeName(props)]);
    // A movement's other end: the filter that found it may have named that one.
    for (const [label, place] of [['From', event.origin], ['To', event.destination]]) {
      if (place && place !== main) rows.push([label, placeText(place)]);
    }
    rows.push(['Status', event.status || props.status || '']);
    rows.push(['Sources', sourceNames(event.sources).join('; ') || 'the outlet itself']);
  } else {
    rows.push(['Place', placeName(props)], ['Status', props.status || '']);
  }
  rows.push(['Section', props.section || (event && event.section) || '']);
  if (incidents) rows.push(['Reports', plural(Math.max(props.n_reports || 1, group.length), 'report')]);
  const list = el('dl', {class: 'popup-fields'},
    rows.filter(([, v]) => v).map(([k, v]) => [el('dt', {text: k}), el('dd', {text: v})]));
  const links = el('p', {class: 'popup-links'});
  if (props.incident_id) {
    links.appendChild(el('a', {href: incidentHref(props.incident_id), text: 'Incident view'}));
    links.appendChild(document.createTextNode(' · '));
  }
  const docId = (event && event.doc_id) || docIdOf(props.event_id);
  if (docId) links.appendChild(el('a', {href: documentHref(docId, props.event_id), text: 'Document'}));
  // An incident marker lists each of its reports with a link to the sentence in its document.
  const reportList = incidents && group.length > 1
    ? el('ul', {class: 'popup-reports'}, group.map(({properties: p}) => el('li', {},
      el('a', {href: documentHref(p.doc_id || docIdOf(p.event_id), p.event_id),
        text: p.doc_id || docIdOf(p.event_id) || p.event_id}),
      ` · ${p.status || ''}${p.date ? ` · ${p.date}` : ''}`)))
    : null;
  body.replaceChildren(...[list, reportList, links].filter(Boolean));
}

export function rememberEvents(view, events) {
  for (const event of events) view.eventCache.set(event.event_id, event);
}

async function eventRecord(view, eventId) {
  if (!eventId) return null;
  if (view.eventCache.has(eventId)) return view.eventCache.get(eventId);
  const docId = docIdOf(eventId);
  if (!docId) return null;
  const data = await getJSON('/api/events', {doc_id: docId, limit: 500});
  rememberEvents(view, data.items || []);
  return view.eventCache.get(eventId) || null;
}

// Event ids are "<doc_id>/e<N>".
function docIdOf(eventId) {
  const at = String(eventId || '').lastIndexOf('/');
  return at > 0 ? eventId.slice(0, at) : null;
}

function placeName(props) {
  return props.place_name || props.place || '';
}
