// Text with marked spans (event evidence, place names), built as DOM text nodes.
import {el} from './dom.js';

// Where an evidence sentence sits in `text`: its own offsets when they point at the same
// words, else the first place the sentence occurs, else null (the text was edited since).
export function locate(text, evidence) {
  if (!text || !evidence || !evidence.text) return null;
  const {start, end} = evidence;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length
      && text.slice(start, end) === evidence.text) {
    return {start, end};
  }
  const at = text.indexOf(evidence.text);
  return at < 0 ? null : {start: at, end: at + evidence.text.length};
}

function ordered(spans) {
  return spans
    .filter((s) => s && s.end > s.start)
    .sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
}

// `text` with marks for `spans` ({start, end, className, title, id}); an overlapping later
// span is clipped to start where the earlier one ends (a span wholly inside another leaves
// only its id, as an empty anchor, so links to it still land). `inner` spans (place names)
// are marked inside and between the outer ones.
export function highlighted(text, spans, inner = []) {
  const fragment = document.createDocumentFragment();
  const inside = ordered(inner);
  let pos = 0;
  for (const span of ordered(spans)) {
    const start = Math.max(span.start, pos);
    if (start >= span.end) {
      if (span.id) fragment.appendChild(el('span', {class: 'anchor', id: span.id}));
      continue;
    }
    if (start > pos) fragment.appendChild(flat(text, pos, start, inside));
    fragment.appendChild(el('mark', {class: span.className, title: span.title, id: span.id},
      flat(text, start, span.end, inside)));
    pos = span.end;
  }
  if (pos < text.length) fragment.appendChild(flat(text, pos, text.length, inside));
  return fragment;
}

// text[from:to] with the (ordered) spans that fall in it marked, clipped to the range.
function flat(text, from, to, spans) {
  const fragment = document.createDocumentFragment();
  let pos = from;
  for (const span of spans) {
    if (span.start >= to) break;
    const start = Math.max(span.start, pos);
    const end = Math.min(span.end, to);
    if (start >= end) continue;
    if (start > pos) fragment.appendChild(document.createTextNode(text.slice(pos, start)));
    fragment.appendChild(el('mark', {class: span.className, title: span.title},
      text.slice(start, end)));
    pos = end;
  }
  if (pos < to) fragment.appendChild(document.createTextNode(text.slice(pos, to)));
  return fragment;
}

// The paragraph around [start, end): from the previous blank line (or `radius` characters
// back) to the next one, so a sentence is read in its context.
export function excerptBounds(text, start, end, radius = 400) {
  let from = text.lastIndexOf('\n\n', start);
  from = from < 0 || start - from > radius ? Math.max(0, start - radius) : from + 2;
  let to = text.indexOf('\n\n', end);
  to = to < 0 || to - end > radius ? Math.min(text.length, end + radius) : to;
  return {from, to};
}
