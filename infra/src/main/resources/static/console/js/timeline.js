// The timeline of one aggregate from its history API (GET /api/{customers|opportunities}/{id}/history): who,
// when, why and what changed, filterable by kind of event (the API's type parameter), exported as the API's own
// CSV (Accept: text/csv). Shared by the customer and the opportunity page.
import { t } from './i18n.js';
import { call, q } from './api.js';
import { clear, h, when } from './dom.js';

const PAGE = 200;

/**
 * section: where to draw; base: '/api/customers/c-1'; onAsOf(entry): optional, adds an "as of this moment"
 * button to every entry.
 */
export async function timeline(section, base, { onAsOf } = {}) {
  const kind = h('select', { id: 'timeline-kind' }, h('option', { value: '' }, t('customer.allKinds')));
  const exportButton = h('button', { type: 'button', id: 'timeline-export', class: 'secondary' }, t('customer.export'));
  const list = h('ol', { id: 'timeline', class: 'timeline' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('customer.more'));
  section.append(h('h2', {}, t('customer.timeline')),
    h('div', { class: 'toolbar' }, h('label', { for: 'timeline-kind' }, t('customer.kind')), kind, exportButton),
    list, more);

  let cursor = null;
  async function load(reset) {
    if (reset) { clear(list); cursor = null; }
    const page = await call(`${base}/history${q({ type: kind.value, limit: PAGE, cursor })}`);
    page.entries.forEach(entry => list.append(item(entry, onAsOf)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    list.dataset.loaded = 'true';
    return page;
  }
  const first = await load(true);
  // the kinds offered are those of the first unfiltered page (the API filters by simple class name)
  [...new Set(first.entries.map(e => e.type))].sort().forEach(type => kind.append(h('option', { value: type }, type)));
  kind.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));
  exportButton.addEventListener('click', async () => {
    const response = await call(`${base}/history${q({ type: kind.value })}`, { accept: 'text/csv', raw: true });
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: `${base.split('/').pop()}-history.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
}

function item(entry, onAsOf) {
  return h('li', { dataset: { type: entry.type, position: entry.position } },
    h('div', { class: 'when' }, h('time', { datetime: entry.timestamp }, when(entry.timestamp)), ` · #${entry.position}`),
    h('strong', { class: 'type' }, entry.type),
    h('div', {}, `${t('t.who')}: `, h('span', { class: 'actor' }, entry.actor || t('none')),
      entry.reason ? [` · ${t('t.why')}: `, h('span', { class: 'reason' }, entry.reason)] : null),
    entry.changes?.length ? h('ul', { class: 'changes' }, entry.changes.map(c => h('li', {},
      h('code', {}, c.field), ': ', c.before ? `${c.before} → ` : '', h('span', { class: 'after' }, c.after ?? '')))) : null,
    onAsOf ? h('button', { type: 'button', class: 'secondary as-of-here', onclick: () => onAsOf(entry) }, t('customer.asOfHere')) : null);
}
