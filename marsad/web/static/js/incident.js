// The incident view: merged fields and who backs each value, disputes side by side, the
// story the incident belongs to, and each supporting sentence inside its document.
import {el, append, clear, showError} from './dom.js';
import {getJSON, idFromPath, incidentHref, documentHref} from './api.js';
import {valueText, fieldLabel, typeClass, sourceNames, plural} from './format.js';
import {highlighted, excerptBounds} from './highlight.js';
import {evidenceSpans} from './evidence.js';

const MERGED_FIELDS = ['actor', 'recipient', 'location', 'origin', 'destination', 'date',
  'quantities', 'fatalities', 'status'];
const root = document.getElementById('incident');

function backingLine(field, backing) {
  const sources = backing.sources || [];
  return el('p', {class: 'backing'},
    el('span', {class: 'value', text: valueText(field, backing.value)}), ' ',
    el('span', {class: 'by', text: `— ${sources.length ? sources.join('; ') : 'the outlet itself'}`
      + ` (${plural((backing.event_ids || []).length, 'report')})`}));
}

function mergedTable(incident) {
  const provenance = incident.provenance || {};
  const rows = MERGED_FIELDS
    .filter((f) => provenance[f] || (incident[f] !== null && incident[f] !== undefined
      && !(Array.isArray(incident[f]) && !incident[f].length)))
    .map((f) => el('tr', {'data-field': f}, el('th', {scope: 'row', text: fieldLabel(f)}),
      el('td', {}, (provenance[f] && provenance[f].length)
        ? provenance[f].map((b) => backingLine(f, b))
        : valueText(f, incident[f]))));
  rows.push(el('tr', {}, el('th', {scope: 'row', text: 'outlets'}),
    el('td', {text: (incident.outlets || []).join('; ') || '—'})));
  rows.push(el('tr', {}, el('th', {scope: 'row', text: 'credited sources'}),
    el('td', {text: sourceNames(incident.sources).join('; ') || 'none: the outlets speak for themselves'})));
  return el('table', {class: 'fields'}, el('tbody', {}, rows));
}

function disputeBox(dispute, eventsById, docs) {
  return el('section', {class: 'dispute', 'data-field': dispute.field},
    el('h3', {text: `Disputed: ${fieldLabel(dispute.field)}`}),
    el('div', {class: 'dispute-values'}, (dispute.values || []).map((backing) =>
      el('div', {class: 'claim'},
        el('div', {class: 'value', text: valueText(dispute.field, backing.value)}),
        el('div', {class: 'by', text: `according to ${(backing.sources || []).join('; ')
          || 'the outlet itself'}`}),
        el('ul', {}, (backing.event_ids || []).map((id) => {
          const event = eventsById.get(id);
          const doc = event && docs.get(event.doc_id);
          const label = doc ? (doc.outlet || doc.title || doc.doc_id) : id;
          return el('li', {}, el('a', {href: documentHref(event ? event.doc_id : id.split('/')[0], id),
            text: label}));
        }))))));
}

function storyList(story, currentId) {
  if (!story || !(story.incidents || []).length) return null;
  return [el('h2', {text: `The story (${plural(story.incidents.length, 'incident')}`
      + `${story.first_date ? `, ${story.first_date} to ${story.last_date}` : ''})`}),
  el('ol', {class: 'story'}, story.incidents.map((item) =>
    el('li', {class: item.incident_id === currentId ? 'current' : null},
      el('span', {class: 'date', text: item.date || 'undated'}), ' ',
      el('span', {class: `type-chip ${typeClass(item.type)}`, text: item.type}), ' ',
      item.incident_id === currentId
        ? el('span', {text: item.summary || item.incident_id})
        : el('a', {href: incidentHref(item.incident_id), text: item.summary || item.incident_id}))))];
}

function supportBox(event, doc) {
  const head = el('div', {class: 'support-head'},
    el('span', {class: `type-chip ${typeClass(event.type)}`, text: event.type}),
    el('span', {text: event.date || 'undated'}),
    el('span', {class: `status status-${event.status}`, text: event.status}),
    el('span', {text: `in ${doc ? (doc.title || doc.doc_id) : event.doc_id}`
      + `${doc && doc.outlet ? ` (${doc.outlet})` : ''}`}),
    el('span', {class: 'muted', text: `credited to ${sourceNames(event.sources).join('; ') || 'the outlet itself'}`}),
    el('a', {href: documentHref(event.doc_id, event.event_id), text: 'open the document'}));
  const box = el('article', {class: 'support', 'data-event-id': event.event_id}, head);
  if (!doc) {
    (event.evidence || []).forEach((e) => box.appendChild(el('blockquote', {class: 'evidence', text: e.text})));
    return box;
  }
  const {body, comments, missing} = evidenceSpans(doc, [event]);
  for (const span of body) box.appendChild(excerpt(doc.body || '', span, 'article'));
  for (const [commentId, spans] of comments) {
    const comment = (doc.comments || []).find((c) => c.id === commentId);
    for (const span of spans) {
      box.appendChild(excerpt(comment.text || '', span,
        `reader comment by ${comment.author || 'anonymous'}`));
    }
  }
  missing.forEach(({evidence}) => box.appendChild(el('blockquote', {class: 'evidence', text: evidence.text})));
  return box;
}

function excerpt(text, span, where) {
  const {from, to} = excerptBounds(text, span.start, span.end);
  const shifted = {...span, start: span.start - from, end: span.end - from, id: null};
  return el('div', {class: 'excerpt-box'},
    el('p', {class: 'muted', text: where}),
    el('p', {class: 'excerpt', dir: 'auto'}, from > 0 ? '…' : '', highlighted(text.slice(from, to), [shifted]),
      to < text.length ? '…' : ''));
}

async function main() {
  const id = idFromPath('/incidents/');
  if (!id) {
    showError(root, 'No incident id in the address.');
    return;
  }
  const data = await getJSON(`/api/incidents/${encodeURIComponent(id)}`);
  // {incident, events, field_sources, disputes, story}; the incident's own copies are the fallback
  const incident = {...(data.incident || data)};
  incident.provenance = data.field_sources || incident.provenance || {};
  incident.disputes = data.disputes || incident.disputes || [];
  incident.story = data.story || null;
  const events = data.events || [];
  const docIds = [...new Set(events.map((e) => e.doc_id))];
  const docs = new Map();
  await Promise.all(docIds.map(async (docId) => {
    try {
      const data = await getJSON(`/api/documents/${encodeURIComponent(docId)}`);
      docs.set(docId, data.document || data);
    } catch (err) {
      // the sentence is still shown, outside its document
    }
  }));
  const eventsById = new Map(events.map((e) => [e.event_id, e]));
  document.title = `Marsad — ${incident.type} ${incident.date || ''}`.trim();
  const disputes = incident.disputes || [];
  append(clear(root), [
    el('h1', {}, el('span', {class: `type-chip ${typeClass(incident.type)}`, text: incident.type}), ' ',
      incident.mode ? `${incident.mode} ` : '', el('span', {text: incident.date || 'undated'})),
    el('p', {class: 'muted', text: `${plural(incident.n_reports || events.length, 'independent report')}`
      + ` · ${plural(events.length, 'event record')} · confidence ${incident.confidence ?? '?'}`
      + ` · ${incident.incident_id}`}),
    el('h2', {text: 'What the reports say'}), mergedTable(incident),
    disputes.length
      ? [el('h2', {text: `Disputes (${disputes.length})`}),
        el('div', {class: 'disputes'}, disputes.map((d) => disputeBox(d, eventsById, docs)))]
      : el('p', {class: 'muted', text: 'No source disputes another on this incident.'}),
    storyList(incident.story, incident.incident_id),
    el('h2', {text: 'Supporting sentences'}),
    events.map((e) => supportBox(e, docs.get(e.doc_id))),
  ]);
}

main().catch((err) => showError(root, err.message));
