// The filter form <-> the query string of the page (shareable) and of the API calls.
import {el, append, clear} from './dom.js';

export const FILTER_KEYS = ['type', 'actor', 'place', 'source', 'leaning', 'status', 'section',
  'date_from', 'date_to', 'q', 'disputed'];

export function readFilters(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = key === 'disputed' ? value === 'true' : value;
  }
  return filters;
}

export function filtersUrl(filters) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === true) params.set(key, 'true');
    else if (value) params.set(key, value);
  }
  const text = params.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}

export function fillForm(form, filters) {
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = filters[key] === true;
    else input.value = filters[key] || '';
  }
}

export function formFilters(form) {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (!input) continue;
    if (input.type === 'checkbox') {
      if (input.checked) filters[key] = true;
    } else if (input.value.trim()) {
      filters[key] = input.value.trim();
    }
  }
  return filters;
}

// Choices for a <select> (keeping its first, empty "any" option) or a <datalist>.
export function setOptions(target, choices) {
  const keepFirst = target.tagName === 'SELECT' && target.options.length
    && target.options[0].value === '';
  const first = keepFirst ? target.options[0] : null;
  const current = target.value;
  clear(target);
  if (first) target.appendChild(first);
  append(target, choices.map(({value, label}) => el('option', {value, text: label ?? value})));
  if (target.tagName === 'SELECT') target.value = current;
}

// Calls `onChange(filters)` when the form changes: at once for choices, after a pause
// while the user types.
export function watchForm(form, onChange, delay = 350) {
  let timer = null;
  const fire = () => {
    clearTimeout(timer);
    onChange(formFilters(form));
  };
  form.addEventListener('change', fire);
  form.addEventListener('input', (event) => {
    if (event.target.type === 'text' || event.target.type === 'search') {
      clearTimeout(timer);
      timer = setTimeout(fire, delay);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fire();
  });
  form.addEventListener('reset', () => setTimeout(fire, 0));
}
