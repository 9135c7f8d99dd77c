// Events per day stacked by type, drawn as SVG; dragging across it picks a date range.
import {svg, clear} from './dom.js';
import {typeClass} from './format.js';

const DAY = 86400000;
const HEIGHT = 120;
const PAD = {left: 34, right: 10, top: 8, bottom: 22};

function dayNumber(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || '')) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.round(t / DAY);
}

function isoDay(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// Only day-precise dates can be placed on a day axis; a date known to the month or year
// only is counted apart rather than drawn on its first day.
export function stackDays(items) {
  const days = new Map();
  let undated = 0;
  for (const {date, type, count, precision} of items || []) {
    const day = precision && precision !== 'day' ? null : dayNumber(date);
    if (day === null) {
      undated += count || 0;
      continue;
    }
    if (!days.has(day)) days.set(day, []);
    days.get(day).push({type, count: count || 0});
  }
  for (const stack of days.values()) stack.sort((a, b) => String(a.type).localeCompare(b.type));
  return {days, undated};
}

export function createTimeline(host, {onBrush, note}) {
  const state = {scale: null, range: null};
  const root = svg('svg', {class: 'timeline-svg', role: 'img', 'aria-label': 'Events per day'});
  host.appendChild(root);

  function render(items, range) {
    clear(root);
    const width = Math.max(host.clientWidth, 320);
    root.setAttribute('width', width);
    root.setAttribute('height', HEIGHT);
    root.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    const {days, undated} = stackDays(items);
    host.dataset.undated = String(undated);
    host.dataset.days = String(days.size);
    if (note) {
      note.textContent = undated
        ? `${undated} event${undated === 1 ? '' : 's'} dated only to the month or year, not drawn.`
        : '';
    }
    if (!days.size) {
      root.appendChild(svg('text', {x: PAD.left, y: HEIGHT / 2, class: 'axis-label'},
        'No dated events for these filters'));
      state.scale = null;
      return;
    }
    const keys = [...days.keys()];
    const first = Math.min(...keys) - 1;
    const last = Math.max(...keys) + 1;
    const plotW = width - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const x = (day) => PAD.left + ((day - first) / (last - first)) * plotW;
    const totals = [...days.values()].map((s) => s.reduce((n, b) => n + b.count, 0));
    const top = Math.max(...totals, 1);
    const barW = Math.min(40, Math.max(2, plotW / (last - first) - 1));
    state.scale = {first, last, plotW};

    root.appendChild(svg('rect', {class: 'timeline-bg', x: PAD.left, y: PAD.top, width: plotW,
      height: plotH}));
    for (const [day, stack] of days) {
      let y = PAD.top + plotH;
      for (const {type, count} of stack) {
        const h = (count / top) * plotH;
        y -= h;
        root.appendChild(svg('rect', {class: `bar ${typeClass(type)}`, x: x(day) - barW / 2, y,
          width: barW, height: Math.max(h, 0.5)},
        svg('title', {}, `${isoDay(day)}: ${count} ${type}`)));
      }
    }
    axis(root, {first, last, x, plotH, top});
    state.range = range;
    drawSelection(range);
  }

  function axis(node, {first, last, x, plotH, top}) {
    const ticks = Math.min(6, last - first); // never two ticks on one day
    for (let i = 0; i <= ticks; i += 1) {
      const day = Math.round(first + ((last - first) * i) / ticks);
      node.appendChild(svg('text', {x: x(day), y: HEIGHT - 6, class: 'axis-label',
        'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}, isoDay(day)));
    }
    node.appendChild(svg('text', {x: PAD.left - 4, y: PAD.top + 10, class: 'axis-label',
      'text-anchor': 'end'}, String(top)));
    node.appendChild(svg('text', {x: PAD.left - 4, y: PAD.top + plotH, class: 'axis-label',
      'text-anchor': 'end'}, '0'));
  }

  let selection = null;
  function drawSelection(range) {
    if (selection) selection.remove();
    selection = null;
    if (!range || !state.scale || (!range.from && !range.to)) return;
    const {first, last} = state.scale;
    const from = dayNumber(range.from) ?? first;
    const to = (dayNumber(range.to) ?? last - 1) + 1;
    const a = toX(Math.max(from, first));
    const b = toX(Math.min(to, last));
    if (b <= a) return;
    selection = svg('rect', {class: 'brush', x: a, y: PAD.top, width: b - a,
      height: HEIGHT - PAD.top - PAD.bottom});
    root.appendChild(selection);
  }

  function toX(day) {
    const {first, last, plotW} = state.scale;
    return PAD.left + ((day - first) / (last - first)) * plotW;
  }

  function toDay(clientX) {
    const {first, last, plotW} = state.scale;
    const box = root.getBoundingClientRect();
    const frac = Math.min(Math.max((clientX - box.left - PAD.left) / plotW, 0), 1);
    return Math.floor(first + frac * (last - first));
  }

  let dragStart = null;
  root.addEventListener('pointerdown', (event) => {
    if (!state.scale || event.button !== 0) return;
    dragStart = event.clientX;
    root.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  root.addEventListener('pointermove', (event) => {
    if (dragStart === null) return;
    const [a, b] = [toDay(dragStart), toDay(event.clientX)].sort((p, q) => p - q);
    drawSelection({from: isoDay(a), to: isoDay(b)});
  });
  root.addEventListener('pointerup', (event) => {
    if (dragStart === null) return;
    const moved = Math.abs(event.clientX - dragStart);
    const [a, b] = [toDay(dragStart), toDay(event.clientX)].sort((p, q) => p - q);
    dragStart = null;
    if (moved < 4) onBrush(null); // a click clears the range
    else onBrush({from: isoDay(a), to: isoDay(b)});
  });

  return {render, clear: () => onBrush(null)};
}
