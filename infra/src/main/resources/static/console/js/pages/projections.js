// Projections (ADMIN, AUDITOR to read): every processing group with its position and lag (GET /api/projections),
// its version and rebuild progress (GET /api/projections/{name}), and its dead letters
// (GET …/dead-letters) with retry and skip (POST …/retry, POST …/skip with X-Reason; ADMIN).
import { t } from '../i18n.js';
import { call, session } from '../api.js';
import { clear, h, when } from '../dom.js';

export async function render(main) {
  const body = h('tbody', { id: 'projection-rows' });
  const letters = h('section', { id: 'dead-letters', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'secondary' }, t('projections.refresh'));
  main.append(h('h1', {}, t('projections.title')), h('div', { class: 'toolbar' }, refresh),
    h('table', {}, h('thead', {}, h('tr', {}, [t('projections.group'), t('projections.position'), t('projections.lag'),
      t('projections.state'), t('projections.rebuild'), t('projections.deadLetters')].map(x => h('th', { scope: 'col' }, x)))), body),
    letters);

  async function load() {
    const groups = await call('/api/projections');
    const details = await Promise.all(Object.keys(groups).map(name =>
      call(`/api/projections/${encodeURIComponent(name)}`).catch(() => ({}))));
    clear(body);
    Object.entries(groups).forEach(([name, g], i) => body.append(row(name, g, details[i])));
  }

  function row(name, g, detail) {
    const state = [g.paused ? t('projections.paused') : t('projections.running'), g.replaying ? t('projections.replaying') : null]
      .filter(Boolean).join(', ');
    const r = detail.rebuild;
    const rebuild = r ? t('projections.rebuildProgress', { state: r.state, pct: r.percentDone ?? 0, eps: Math.round(r.eventsPerSecond ?? 0) }) : '';
    const count = g.deadLetters ?? 0;
    return h('tr', { dataset: { group: name } }, h('th', { scope: 'row' }, name), h('td', {}, g.position ?? ''),
      h('td', { class: 'lag' }, g.lag ?? ''), h('td', {}, state), h('td', {}, rebuild),
      h('td', {}, String(count), ' ', count > 0 ? h('button', { type: 'button', class: 'secondary',
        onclick: () => showLetters(name) }, t('projections.show')) : null));
  }

  async function showLetters(name) {
    const answer = await call(`/api/projections/${encodeURIComponent(name)}/dead-letters?limit=100`);
    clear(letters).append(h('h2', {}, `${t('projections.deadLetters')}: ${name}`));
    if (!answer.deadLetters.length) { letters.append(h('p', {}, t('projections.noLetters'))); return; }
    const admin = session.hasRole('ADMIN');
    if (admin) {
      letters.append(h('button', { type: 'button', onclick: async () => {
        await call(`/api/projections/${encodeURIComponent(name)}/dead-letters/retry`, { method: 'POST' });
        await load(); await showLetters(name);
      } }, t('projections.retryAll')));
    }
    letters.append(h('table', {}, h('tbody', {}, answer.deadLetters.map(letter => {
      const reason = h('input', { 'aria-label': t('projections.skipReason'), placeholder: t('projections.skipReason') });
      const base = `/api/projections/${encodeURIComponent(name)}/dead-letters/${encodeURIComponent(letter.id)}`;
      return h('tr', {}, h('td', {}, letter.eventType), h('td', {}, letter.aggregateId), h('td', {}, letter.position),
        h('td', {}, letter.cause ? `${letter.cause.type}: ${letter.cause.message}` : ''), h('td', {}, when(letter.enqueuedAt)),
        admin ? h('td', {}, h('button', { type: 'button', onclick: async () => {
          await call(`${base}/retry`, { method: 'POST' }); await load(); await showLetters(name);
        } }, t('projections.retry')), ' ', reason, h('button', { type: 'button', class: 'secondary', onclick: async () => {
          if (!reason.value.trim()) { reason.focus(); return; }
          // header text is percent-encoded UTF-8, as the API expects (a reason in Chinese)
          await call(`${base}/skip`, { method: 'POST', headers: { 'X-Reason': encodeURIComponent(reason.value) } });
          await load(); await showLetters(name);
        } }, t('projections.skip'))) : null);
    }))));
  }

  refresh.addEventListener('click', load);
  await load();
}
