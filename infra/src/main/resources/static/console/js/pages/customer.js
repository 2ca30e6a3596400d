// Customer: the 360 view (GET /api/customers/{id}/360, with asOf when a moment is picked) beside the timeline of
// the customer's history, a verify button (GET /api/audit/verification/customers/{id}) and the CSV export.
import { t } from '../i18n.js';
import { call, q, session } from '../api.js';
import { facts, h, money, when } from '../dom.js';
import { timeline } from '../timeline.js';

export async function render(main, route) {
  const id = route.id;
  const asOf = route.params.get('asOf');
  const view = await call(`/api/customers/${encodeURIComponent(id)}/360${q({ asOf })}`);
  const left = h('section', { id: 'customer-360', 'aria-label': t('customer.profile') });
  const right = h('section', { id: 'customer-timeline', 'aria-label': t('customer.timeline') });
  main.append(h('h1', { id: 'customer-name' }, view.name ?? id), asOfBar(id, asOf), h('div', { class: 'columns' }, left, right));
  left.append(...view360(view));
  if (session.hasRole('AUDITOR')) {
    const verifyResult = h('p', { id: 'verify-result', role: 'status' });
    const verify = h('button', { type: 'button', id: 'verify' }, t('customer.verify'));
    verify.addEventListener('click', async () => {
      verifyResult.textContent = t('loading');
      const r = await call(`/api/audit/verification/customers/${encodeURIComponent(id)}`);
      verifyResult.className = r.ok ? 'ok' : 'error';
      verifyResult.textContent = r.ok ? t('customer.verifyOk', { n: r.eventsChecked })
        : t('customer.verifyBad', { p: r.firstProblem?.position, k: r.firstProblem?.kind, d: r.firstProblem?.detail });
    });
    right.append(h('div', { class: 'toolbar' }, verify), verifyResult);
    await timeline(right, `/api/customers/${encodeURIComponent(id)}`, {
      onAsOf: entry => { location.hash = `#/customer/${encodeURIComponent(id)}${q({ asOf: entry.timestamp })}`; },
    });
  } else {
    right.append(h('p', { class: 'muted' }, t('customer.noHistory')));
  }
}

/** The "as of" picker: a local date and time (to the second), sent as an ISO instant. */
function asOfBar(id, asOf) {
  const input = h('input', { id: 'as-of', type: 'datetime-local', step: 1, value: asOf ? localValue(new Date(asOf)) : '' });
  const show = h('button', { type: 'button', id: 'as-of-show' }, t('customer.asOfShow'));
  const now = h('button', { type: 'button', id: 'as-of-now', class: 'secondary' }, t('customer.asOfNow'));
  show.addEventListener('click', () => {
    if (!input.value) return;
    location.hash = `#/customer/${encodeURIComponent(id)}${q({ asOf: new Date(input.value).toISOString() })}`;
  });
  now.addEventListener('click', () => { location.hash = `#/customer/${encodeURIComponent(id)}`; });
  return h('div', {},
    h('div', { class: 'toolbar' }, h('label', { for: 'as-of' }, t('customer.asOf')), input, show, now),
    asOf ? h('p', { class: 'banner', id: 'as-of-banner' }, t('customer.asOfBanner', { t: when(asOf) })) : null);
}

function localValue(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function view360(v) {
  const credit = v.credit || {};
  const out = [
    h('h2', {}, t('customer.profile')),
    facts([[t('f.name'), v.name], [t('f.latinName'), v.latinName], [t('f.kind'), v.kind], [t('f.industry'), v.industry],
      [t('f.region'), v.region], [t('f.segment'), v.segment], [t('f.tier'), v.tier], [t('f.lifecycle'), v.lifecycle],
      [t('f.manager'), v.accountManager], [t('f.spend'), money(v.twelveMonthSpend)]]),
    h('h2', {}, t('customer.credit')),
    h('div', { id: 'credit' }, facts([[t('f.limit'), h('span', { id: 'credit-limit' }, money(credit.limit) || t('none'))],
      [t('f.rating'), credit.rating], [t('f.hold'), credit.hold ? t('yes') : t('no')]])),
  ];
  if (v.contacts?.length) {
    out.push(h('h2', {}, t('customer.contacts')), table([t('f.name'), t('f.title'), t('f.phones'), t('f.emails')],
      v.contacts.map(c => [c.name, c.title, (c.phones || []).map(p => p.normalized ?? p.number ?? p).join(', '), (c.emails || []).join(', ')])));
  }
  if (v.openOpportunities?.length) {
    out.push(h('h2', {}, t('customer.opportunities')), table([t('f.title'), t('f.stage'), t('f.amount'), t('f.close'), t('f.owner')],
      v.openOpportunities.map(o => [h('a', { href: `#/opportunity/${encodeURIComponent(o.opportunityId)}` }, o.title),
        o.stage, money(o.amount), o.expectedCloseDate, o.ownerId])));
  }
  if (v.lastInteractions?.length) {
    out.push(h('h2', {}, t('customer.interactions')), table([t('f.on'), t('f.channel'), t('f.outcome')],
      v.lastInteractions.map(i => [i.occurredOn, i.channel, i.outcome])));
  }
  return out;
}

export function table(headers, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c ?? ''))))));
}
