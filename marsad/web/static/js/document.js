// The document view: the article with its events' evidence highlighted, the reader comments
// apart, as a thread, and the events found in it.
import {el, append, clear, showError} from './dom.js';
import {getJSON, idFromPath, itemsOf} from './api.js';
import {highlighted} from './highlight.js';
import {evidenceSpans} from './evidence.js';
import {eventRow} from './eventlist.js';
import {placeText, plural} from './format.js';

const root = document.getElementById('document');

function placeSpans(places, commentId) {
  return (places || [])
    .filter((p) => (p.comment_id || null) === commentId
      && (commentId ? p.section === 'comment' : p.section !== 'comment')
      && Number.isInteger(p.start) && Number.isInteger(p.end))
    .map((p) => ({start: p.start, end: p.end, className: 'place-mark',
      title: placeText(p) || p.text}));
}

// Depth from the record, else from the parent chain (a comment whose parent is unknown
// starts a thread).
function depths(comments) {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const memo = new Map();
  const depth = (c, seen = new Set()) => {
    if (Number.isInteger(c.depth)) return c.depth;
    if (memo.has(c.id)) return memo.get(c.id);
    const parent = byId.get(c.parent);
    const d = parent && !seen.has(parent.id) ? depth(parent, seen.add(c.id)) + 1 : 0;
    memo.set(c.id, d);
    return d;
  };
  return new Map(comments.map((c) => [c.id, depth(c)]));
}

function commentThread(doc, spans, places) {
  const comments = doc.comments || [];
  if (!comments.length) return el('p', {class: 'muted', text: 'No reader comments.'});
  const depthOf = depths(comments);
  const byId = new Map(comments.map((c) => [c.id, c]));
  return el('ol', {class: 'thread'}, comments.map((c) => {
    const d = depthOf.get(c.id) || 0;
    const parent = byId.get(c.parent);
    return el('li', {class: `comment depth-${Math.min(d, 4)}`, id: `comment-${c.id}`,
      'data-comment-id': c.id, 'data-depth': d},
    el('div', {class: 'author', text: c.author || 'anonymous'}),
    parent ? el('div', {class: 'muted', text: `in reply to ${parent.author || 'anonymous'}`}) : null,
    el('p', {class: 'text', dir: 'auto'}, highlighted(c.text || '', spans.get(c.id) || [],
      placeSpans(places, c.id))));
  }));
}

async function main() {
  const id = idFromPath('/documents/');
  if (!id) {
    showError(root, 'No document id in the address.');
    return;
  }
  const data = await getJSON(`/api/documents/${encodeURIComponent(id)}`);
  const doc = data.document || data;
  const events = itemsOf(data.events);
  const places = itemsOf(data.places || data.place_mentions);
  const {body, comments} = evidenceSpans(doc, events);
  document.title = `Marsad — ${doc.title || doc.doc_id}`;
  const meta = [doc.outlet, doc.published, doc.language].filter(Boolean).join(' · ');
  append(clear(root), [
    el('h1', {dir: 'auto', text: doc.title || doc.doc_id}),
    el('p', {class: 'doc-meta'}, meta, doc.url ? [' · ', el('a', {href: doc.url,
      rel: 'noopener noreferrer nofollow', text: doc.url})] : null),
    el('div', {class: 'doc-layout'},
      el('div', {},
        el('article', {class: 'doc-body', id: 'doc-body', dir: 'auto'},
          highlighted(doc.body || '', body, placeSpans(places, null))),
        el('section', {class: 'comments', id: 'comments', 'aria-label': 'Reader comments'},
          el('h2', {text: `Reader comments (${(doc.comments || []).length})`}),
          commentThread(doc, comments, places))),
      el('aside', {class: 'doc-events'},
        el('h2', {text: plural(events.length, 'event')}),
        el('ol', {class: 'event-list'}, events.map(eventRow)))),
  ]);
  if (window.location.hash) {
    const target = document.getElementById(window.location.hash.slice(1));
    if (target) target.scrollIntoView({block: 'center'});
  }
}

main().catch((err) => showError(root, err.message));
