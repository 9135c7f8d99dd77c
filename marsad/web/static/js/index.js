// The map page: filters -> URL -> API -> map, timeline, legend and list.
import {el, append, clear, showError} from './dom.js';
import {getJSON, getAllFeatures, itemsOf} from './api.js';
import {readFilters, filtersUrl, fillForm, formFilters, setOptions, watchForm} from './filters.js';
import {createMap, showEvents, rememberEvents} from './map.js';
import {createTimeline} from './timeline.js';
import {renderEventList} from './eventlist.js';
import {typeClass, plural} from './format.js';

const PAGE = 50;
const form = document.getElementById('filters');
const summary = document.getElementById('summary');
const list = document.getElementById('event-list');
const more = document.getElementById('more');
const incidentsToggle = document.getElementById('incidents-mode');
const clearRange = document.getElementById('clear-range');

let filters = readFilters(window.location.search);
let request = 0;
let listOffset = 0;

const view = createMap(document.getElementById('map'));
const timeline = createTimeline(document.getElementById('timeline'), {
  note: document.getElementById('timeline-note'),
  onBrush(range) {
    form.elements.namedItem('date_from').value = range ? range.from : '';
    form.elements.namedItem('date_to').value = range ? range.to : '';
    apply(formFilters(form));
  },
});

function apply(next) {
  filters = next;
  window.history.pushState(null, '', filtersUrl(filters));
  refresh();
}

// The timeline keeps showing every date, so a brushed range can be widened again.
function withoutDates(f) {
  const rest = {...f};
  delete rest.date_from;
  delete rest.date_to;
  return rest;
}

async function refresh() {
  const mine = ++request;
  summary.textContent = 'Loading…';
  document.body.dataset.loading = 'true';
  try {
    const [geo, page, days] = await Promise.all([
      getAllFeatures(filters),
      getJSON('/api/events', {...filters, limit: PAGE, offset: 0}),
      getJSON('/api/timeline', withoutDates(filters)),
    ]);
    if (mine !== request) return; // a newer query is on its way
    rememberEvents(view, page.items || []);
    const shown = showEvents(view, geo, {incidents: incidentsToggle.checked});
    timeline.render(itemsOf(days), {from: filters.date_from, to: filters.date_to});
    listOffset = (page.items || []).length;
    renderEventList(list, page);
    more.hidden = listOffset >= (page.total || 0);
    summary.textContent = summaryText(page.total || 0, shown, geo);
  } catch (err) {
    if (mine === request) showError(summary, err.message);
  } finally {
    if (mine === request) document.body.dataset.loading = 'false';
  }
}

function summaryText(total, shown, geo) {
  const parts = [`${plural(total, 'event')} match`];
  parts.push(incidentsToggle.checked
    ? `${plural(shown.markers, 'incident')} on the map`
    : `${shown.events} on the map`);
  if (geo.unplaced) parts.push(`${geo.unplaced} without a place`);
  if (geo.capped) parts.push(`the map holds the first ${geo.features.length + geo.unplaced}: narrow the filters for the rest`);
  return parts.join(' · ');
}

async function loadMore() {
  try {
    const page = await getJSON('/api/events', {...filters, limit: PAGE, offset: listOffset});
    rememberEvents(view, page.items || []);
    renderEventList(list, page, {append: true});
    listOffset += (page.items || []).length;
    more.hidden = listOffset >= (page.total || 0) || !(page.items || []).length;
  } catch (err) {
    showError(summary, err.message);
  }
}

async function loadChoices() {
  const [stats, actors, sources] = await Promise.all([
    getJSON('/api/stats'), getJSON('/api/actors'), getJSON('/api/sources')]);
  const types = Object.entries(stats.by_type || {}).sort((a, b) => b[1] - a[1]);
  setOptions(form.elements.namedItem('type'),
    types.map(([type, n]) => ({value: type, label: `${type} (${n})`})));
  renderLegend(types);
  setOptions(document.getElementById('actor-choices'), itemsOf(actors)
    .map((a) => ({value: a.id || a.name, label: a.name && a.id ? `${a.name} (${a.id})` : a.name}))
    .filter((o) => o.value));
  const sourceItems = itemsOf(sources);
  setOptions(document.getElementById('source-choices'),
    sourceItems.filter((s) => s.kind !== 'outlet')
      .map((s) => ({value: s.id || s.name, label: s.name})).filter((o) => o.value));
  const leanings = [...new Set(sourceItems.map((s) => s.leaning).filter(Boolean))].sort();
  setOptions(form.elements.namedItem('leaning'), leanings.map((value) => ({value})));
  document.getElementById('stats').textContent = [plural(stats.documents || 0, 'document'),
    plural(stats.events || 0, 'event'), plural(stats.incidents || 0, 'incident'),
    `${stats.disputed_incidents || 0} disputed`].join(' · ')
    + (stats.first_date ? ` · ${stats.first_date} to ${stats.last_date}` : '');
  fillForm(form, filters); // selects only take their value once their options exist
}

// Each legend entry is also a button that shows only its type.
function renderLegend(types) {
  const legend = document.getElementById('legend');
  append(clear(legend), types.map(([type]) => el('li', {},
    el('button', {type: 'button', class: 'legend-button', 'data-type': type,
      title: `show only ${type}`},
    el('span', {class: `swatch ${typeClass(type)}`}), ' ', type))));
}

document.getElementById('legend').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-type]');
  if (!button) return;
  form.elements.namedItem('type').value = button.dataset.type;
  apply(formFilters(form));
});

let placeTimer = null;
async function suggestPlaces(event) {
  clearTimeout(placeTimer);
  const q = event.target.value.trim();
  if (q.length < 2) return;
  placeTimer = setTimeout(async () => {
    try {
      const places = itemsOf(await getJSON('/api/places', {q, limit: 20}));
      setOptions(document.getElementById('place-choices'),
        places.map((p) => ({value: p.name || p.text})).filter((o) => o.value));
    } catch (err) {
      // suggestions are a convenience; the filter works without them
    }
  }, 250);
}

fillForm(form, filters);
watchForm(form, (next) => apply(next));
form.elements.namedItem('place').addEventListener('input', suggestPlaces);
incidentsToggle.addEventListener('change', refresh);
more.addEventListener('click', loadMore);
clearRange.addEventListener('click', () => timeline.clear());
window.addEventListener('popstate', () => {
  filters = readFilters(window.location.search);
  fillForm(form, filters);
  refresh();
});
loadChoices().catch((err) => showError(document.getElementById('stats'), err.message));
refresh();
