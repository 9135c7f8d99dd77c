// Where each event's evidence sits in its document: spans for the body and per comment.
import {locate} from './highlight.js';
import {anchorId} from './api.js';

// The text an evidence entry was taken from: the body, or the comment it names (or, for a
// comment claim stored without its comment id, the first comment that holds the sentence).
function sourceText(doc, evidence, highlight) {
  const commentId = (highlight && highlight.comment_id) || evidence.comment_id;
  if (evidence.section !== 'comment') return {key: null, text: doc.body || ''};
  const comments = doc.comments || [];
  const named = comments.find((c) => c.id === commentId);
  if (named) return {key: named.id, text: named.text || ''};
  const holder = comments.find((c) => (c.text || '').includes(evidence.text));
  return holder ? {key: holder.id, text: holder.text} : {key: undefined, text: ''};
}

// {body: [span], comments: Map(comment id -> [span]), missing: [evidence not found]}
export function evidenceSpans(doc, events) {
  const body = [];
  const comments = new Map();
  const missing = [];
  for (const event of events || []) {
    let first = true;
    (event.evidence || []).forEach((evidence, i) => {
      const highlight = (event.highlights || []).find((h) => h.evidence === i);
      const {key, text} = sourceText(doc, evidence, highlight);
      const at = key === undefined ? null : locate(text, {...evidence, ...(highlight || {})});
      if (!at) {
        missing.push({event, evidence});
        return;
      }
      const span = {...at, className: 'evidence-mark', title: `${event.type} · ${event.status}`,
        id: first ? anchorId(event.event_id) : null, eventId: event.event_id};
      first = false;
      if (key === null) body.push(span);
      else {
        if (!comments.has(key)) comments.set(key, []);
        comments.get(key).push(span);
      }
    });
  }
  return {body, comments, missing};
}
