// Building elements without innerHTML: every value from the API goes in as text, so nothing it holds can run.
import { language } from './i18n.js';

/** h('a', {href: '#/x', class: 'hit'}, 'text', child…): an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A highlight from Elasticsearch ("北京<em>京东</em>") as text with <mark> around the matches: the text is split on
 * the tags, never parsed as HTML.
 */
export function highlighted(text) {
  const parts = String(text).split(/(<em>|<\/em>)/);
  const out = [];
  let inside = false;
  for (const part of parts) {
    if (part === '<em>') inside = true;
    else if (part === '</em>') inside = false;
    else if (part) out.push(inside ? h('mark', {}, part) : part);
  }
  return out;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A definition list of [label, value] pairs, leaving out empty values. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

const locale = () => (language() === 'zh' ? 'zh-CN' : 'en-GB');

export function money(amount) {
  if (!amount || amount.amount === undefined || amount.amount === null) return '';
  const n = Number(amount.amount);
  const text = Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(amount.amount);
  return `${text} ${amount.currency ?? ''}`.trim();
}

export function when(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString(locale());
}
