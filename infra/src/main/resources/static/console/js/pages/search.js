// Search as the user types (GET /api/search/customers): debounced, only the answer to the latest keystroke is
// shown, with highlights, matched contacts and multi-select facets. Pinyin, initials and phone numbers are the
// API's business: the box sends what was typed. Each answer's round trip (request sent → results on screen) is
// shown and kept in data-round-trip-ms for the browser test to read.
import { t } from '../i18n.js';
import { call, q } from '../api.js';
import { clear, h, highlighted } from '../dom.js';

const DEBOUNCE_MS = 120;
const FACETS = [['region', 'region'], ['tier', 'tier'], ['manager', 'manager'], ['lifecycle', 'lifecycle'], ['tags', 'tag']];

export async function render(main, route) {
  const state = { q: route.params.get('q') || '', filters: {}, seq: 0 };
  for (const [, param] of FACETS) if (route.params.get(param)) state.filters[param] = route.params.get(param);

  const box = h('input', { id: 'search-box', class: 'search-box', type: 'search', value: state.q, autocomplete: 'off',
    'aria-describedby': 'search-summary', 'aria-controls': 'search-results' });
  const summary = h('p', { id: 'search-summary', class: 'muted', 'aria-live': 'polite' });
  const results = h('ol', { id: 'search-results', class: 'hits' });
  const facets = h('aside', { id: 'search-facets', class: 'facets', 'aria-label': t('search.facets') });
  main.append(h('h1', {}, t('search.title')),
    h('label', { for: 'search-box' }, t('search.label')), box, summary,
    h('div', { class: 'search-row' }, h('section', { class: 'results' }, results), facets));

  let timer;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = box.value; run(); }, DEBOUNCE_MS);
  });
  box.addEventListener('keydown', event => {
    const first = results.querySelector('a.hit');
    if (event.key === 'Enter' && first) { event.preventDefault(); first.click(); }
    if (event.key === 'ArrowDown' && first) { event.preventDefault(); first.focus(); }
  });

  async function run() {
    const seq = ++state.seq;
    const params = { q: state.q, ...state.filters, size: 10 };
    history.replaceState(null, '', `#/search${q({ q: state.q, ...state.filters })}`);
    const started = performance.now();
    let answer;
    try {
      answer = await call(`/api/search/customers${q(params)}`);
    } catch (e) {
      if (seq === state.seq) summary.textContent = `${t('error')}: ${e.message}`;
      return;
    }
    if (seq !== state.seq) return; // a later keystroke's answer is coming
    show(answer);
    const ms = Math.round(performance.now() - started);
    main.dataset.roundTripMs = ms;
    main.dataset.searchedFor = state.q;
    summary.textContent = `${t('search.total', { n: answer.total })} · ${t('search.took', { ms })}`;
  }

  function show(answer) {
    clear(results);
    if (!answer.hits.length) results.append(h('li', { class: 'muted' }, t('search.noHits')));
    for (const hit of answer.hits) results.append(hitItem(hit));
    clear(facets).append(h('h2', {}, t('search.facets')));
    for (const [key, param] of FACETS) {
      const values = answer.facets?.[key] || [];
      if (!values.length) continue;
      facets.append(h('div', { class: 'facet' }, h('h3', {}, t(`facet.${key}`)),
        h('ul', {}, values.map(({ value, count }) => h('li', {}, h('button', {
          type: 'button', 'aria-pressed': String(state.filters[param] === value),
          onclick: () => { state.filters[param] === value ? delete state.filters[param] : state.filters[param] = value; run(); },
        }, `${value} (${count})`))))));
    }
  }

  if (state.q || Object.keys(state.filters).length) run();
  box.focus();
}

function hitItem(hit) {
  const name = hit.highlights?.name?.[0] ?? hit.highlights?.['name.latin']?.[0] ?? hit.name;
  const other = Object.entries(hit.highlights || {}).filter(([field]) => !field.startsWith('name'))
    .map(([, fragments]) => fragments[0]);
  return h('li', { dataset: { customerId: hit.customerId } },
    h('a', { class: 'hit', href: `#/customer/${encodeURIComponent(hit.customerId)}` }, highlighted(name)),
    hit.latinName ? h('span', { class: 'muted' }, ` · ${hit.latinName}`) : null,
    h('div', { class: 'muted' }, [hit.region, hit.tier, hit.lifecycle, hit.manager].filter(Boolean).join(' · ')),
    other.length ? h('div', {}, other.map(f => h('span', {}, highlighted(f), ' '))) : null,
    hit.matchedContacts?.length ? h('div', { class: 'contacts' }, `${t('search.contacts')}: `,
      hit.matchedContacts.map(c => h('span', { class: 'contact' },
        highlighted(c.highlights?.['contacts.name']?.[0] ?? c.name),
        c.title ? ` (${c.title})` : '', ' ', (c.phones || []).join(', '), '; '))) : null);
}
