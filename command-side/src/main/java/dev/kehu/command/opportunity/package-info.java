/**
 * The Opportunity (商机) aggregate: one standard sales pipeline and the credit rule that protects
 * the company.
 *
 * <h2>Pipeline</h2>
 * LEAD 线索 → QUALIFICATION 需求确认 → PROPOSAL 方案报价 → BIDDING 投标 → NEGOTIATION 谈判 → WON 赢单 /
 * LOST 输单. Moving forward one stage is plain; skipping or going back needs a reason. Each stage has a
 * default probability (percent), configurable with {@code kehu.opportunity.probability.<stage>}
 * (defaults: lead 10, qualification 20, proposal 40, bidding 60, negotiation 80, won 100, lost 0),
 * provided to the aggregate as the {@link dev.kehu.command.opportunity.StageProbabilities} domain
 * service. A closed opportunity changes only by reopening (409 {@code opportunity-already-closed}).
 *
 * <h2>Credit rule</h2>
 * {@link dev.kehu.command.opportunity.OpportunityAndCustomerHandler} wins a deal: it loads the opportunity and its Customer in
 * ONE unit of work, reserves the amount on the customer ({@code CreditReserved}) and marks the deal
 * won ({@code OpportunityWon}); the event store commits both or neither. Concurrent wins for one
 * customer: serialized by the repository lock in one instance (the second meets the credit rule, 422
 * {@code credit-limit}); across instances the customer stream's sequence lets one commit and the
 * other gets 409 (concurrent change), no automatic retry.
 * Reopening releases a won deal's reservation in the same way; opening requires an existing
 * customer that accepts new opportunities (the same handler).
 *
 * <h2>REST ({@link dev.kehu.command.opportunity.web.OpportunityController})</h2>
 * <pre>
 * POST /api/opportunities                       {customerId, title, amount, currency, expectedCloseDate, source?, ownerId, priority?} → 201
 * PUT  /api/opportunities/{id}/amount           {amount, currency}
 * PUT  /api/opportunities/{id}/close-date       {expectedCloseDate}
 * PUT  /api/opportunities/{id}/priority         {priority: KEY|HIGH|NORMAL|LOW}
 * PUT  /api/opportunities/{id}/probability      {probability: 0..100, reason}
 * POST /api/opportunities/{id}/stage            {stage, reason?}
 * POST /api/opportunities/{id}/bid/preparation  {checklist: [..]}
 * POST /api/opportunities/{id}/bid/submission   {amount, currency, deadline}
 * POST /api/opportunities/{id}/bid/result       {outcome: AWARDED|SHORTLISTED|NOT_AWARDED, notes?}
 * POST /api/opportunities/{id}/win              (no body)
 * POST /api/opportunities/{id}/lose             {reason, competitor?}
 * POST /api/opportunities/{id}/reopen           {stage?, reason}
 * PUT  /api/opportunities/{id}/owner            {ownerId, reason}
 * </pre>
 * Headers, responses and errors follow {@link dev.kehu.command.web}. A reason may come in the body or
 * in {@code X-Reason}.
 *
 * <h2>Layout</h2>
 * Every command is a record nested in the sealed {@link dev.kehu.command.opportunity.OpportunityCommand},
 * which binds it to the aggregate; every refusal (a sealed
 * {@link dev.kehu.command.opportunity.OpportunityRefusal}) is nested in the kind that decides its status,
 * {@link dev.kehu.command.opportunity.OpportunityRuleRefusal} (422) or
 * {@link dev.kehu.command.opportunity.OpportunityConflict} (409). The REST adapter is in {@code .web}.
 */
package dev.kehu.command.opportunity;
