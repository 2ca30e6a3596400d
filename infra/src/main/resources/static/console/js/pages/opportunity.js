// Opportunity: the detail view (GET /api/opportunities/{id}) with its stage path over time (stageHistory:
// entered, left, days in stage) and, for auditors, its history timeline.
import { t } from '../i18n.js';
import { call, session } from '../api.js';
import { facts, h, money, when } from '../dom.js';
import { timeline } from '../timeline.js';
import { table } from './customer.js';

export async function render(main, route) {
  const id = route.id;
  const o = await call(`/api/opportunities/${encodeURIComponent(id)}`);
  const customer = o.customer || {};
  const left = h('section', { id: 'opportunity-detail' });
  const right = h('section', { id: 'opportunity-history' });
  main.append(h('h1', { id: 'opportunity-title' }, o.title ?? id), h('div', { class: 'columns' }, left, right));
  left.append(facts([
    [t('f.customer'), customer.customerId ? h('a', { href: `#/customer/${encodeURIComponent(customer.customerId)}` }, customer.name ?? customer.customerId) : null],
    [t('f.stage'), o.stageName ? `${o.stageName} (${o.stage})` : o.stage], [t('f.status'), o.status],
    [t('f.amount'), money(o.amount)], [t('f.probability'), o.probability == null ? null : `${o.probability}%`],
    [t('f.weighted'), money(o.weightedAmount)], [t('f.owner'), o.ownerId], [t('f.close'), o.expectedCloseDate]]));
  const stages = o.stageHistory || [];
  left.append(h('h2', {}, t('opportunity.path')),
    h('ol', { class: 'stages', id: 'stage-path', 'aria-label': t('opportunity.path') }, stages.map((s, i) =>
      h('li', { class: i === stages.length - 1 && o.status === 'OPEN' ? 'current' : null }, s.stageName ?? s.stage))),
    table([t('f.stage'), t('f.entered'), t('f.left'), t('f.days'), t('f.by')], stages.map(s =>
      [s.stageName ?? s.stage, when(s.enteredAt ?? s.at ?? s.entered), when(s.leftAt), s.daysInStage, s.by ?? s.enteredBy])));
  if (session.hasRole('AUDITOR')) {
    await timeline(right, `/api/opportunities/${encodeURIComponent(id)}`);
  } else {
    right.append(h('p', { class: 'muted' }, t('customer.noHistory')));
  }
}
