// How record values read on the page (plain strings; callers insert them as text).

export function actorText(actor) {
  if (!actor) return '';
  if (typeof actor === 'string') return actor;
  const name = actor.name || actor.id || '';
  return actor.id && actor.name && actor.id !== actor.name ? `${name} (${actor.id})` : name;
}

export function placeText(place) {
  if (!place) return '';
  if (typeof place === 'string') return place;
  const parts = [place.name, place.admin1, place.country].filter(Boolean);
  const unique = parts.filter((part, i) => parts.indexOf(part) === i);
  return unique.join(', ');
}

export function eventPlace(event) {
  return event.location || event.destination || event.origin || null;
}

export function quantityText(quantity) {
  if (!quantity) return '';
  return quantity.text || `${quantity.value ?? ''} ${quantity.unit || ''}`.trim();
}

export function sourceNames(sources) {
  return (sources || []).map((s) => (typeof s === 'string' ? s : s && s.name)).filter(Boolean);
}

// One merged or disputed value, whatever its field.
export function valueText(field, value) {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.map((v) => valueText(field, v)).join('; ') || '(none)';
  if (typeof value === 'object') {
    if ('lat' in value || 'precision' in value || 'admin1' in value) return placeText(value);
    if ('kind' in value) return actorText(value);
    if ('unit' in value) return quantityText(value);
    if ('name' in value) return String(value.name);
    return JSON.stringify(value);
  }
  return String(value);
}

export function fieldLabel(field) {
  return String(field).replace(/_/g, ' ');
}

// A CSS class for an event type, limited to the characters a class name can take.
export function typeClass(type) {
  return `t-${String(type || 'OTHER').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
