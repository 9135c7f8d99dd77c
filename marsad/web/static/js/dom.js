// Safe DOM building: every string from the store goes in as text (textContent) or through
// setAttribute, never as markup, so a document holding "<script>" shows it and runs nothing.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(key) || key === 'style') {
      throw new Error(`el(): attribute ${key} is not allowed (CSP: no inline handlers or styles)`);
    }
    if (key === 'class') node.setAttribute('class', value);
    else if (key === 'text') node.textContent = value;
    else if (key === 'href') node.setAttribute('href', safeHref(value));
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Links we build are same-origin paths; a document's own URL is shown only when it is http(s),
// so a "javascript:" URL from a page never becomes a live link.
export function safeHref(value) {
  const href = String(value);
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  if (href.startsWith('#')) return href;
  try {
    const url = new URL(href);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch (err) {
    // not a URL: fall through to the inert link
  }
  return '#';
}

export function showError(container, message) {
  append(clear(container), [el('p', {class: 'error', role: 'alert', text: message})]);
}
