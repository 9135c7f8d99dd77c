// The list of matching events under the map, a page at a time.
import {el, append, clear} from './dom.js';
import {incidentHref, documentHref} from './api.js';
import {actorText, placeText, eventPlace, sourceNames, typeClass} from './format.js';

export function eventRow(event) {
  const links = [el('a', {href: documentHref(event.doc_id, event.event_id), text: 'document'})];
  if (event.incident_id) {
    links.push(' · ', el('a', {href: incidentHref(event.incident_id), text: 'incident'}));
  }
  const evidence = (event.evidence || [])[0];
  return el('li', {class: 'event-item', 'data-event-id': event.event_id},
    el('div', {class: 'event-line'},
      el('span', {class: `type-chip ${typeClass(event.type)}`, text: event.type}),
      event.mode ? el('span', {class: 'mode', text: event.mode}) : null,
      el('span', {class: 'date', text: event.date || 'undated'}),
      el('span', {class: `status status-${event.status}`, text: event.status}),
      event.section === 'comment' ? el('span', {class: 'section-tag', text: 'reader comment'}) : null),
    el('div', {class: 'event-who'},
      el('strong', {text: actorText(event.actor) || 'unknown actor'}),
      event.recipient ? [' → ', el('span', {text: actorText(event.recipient)})] : null,
      eventPlace(event) ? [' · ', el('span', {class: 'place', text: placeText(eventPlace(event))})] : null),
    evidence ? el('blockquote', {class: 'evidence', dir: 'auto', text: evidence.text}) : null,
    el('div', {class: 'event-meta'},
      el('span', {text: `Sources: ${sourceNames(event.sources).join('; ') || 'the outlet itself'}`}),
      ' · ', links));
}

export function renderEventList(list, page, {append: more = false} = {}) {
  if (!more) clear(list);
  append(list, (page.items || []).map(eventRow));
}
