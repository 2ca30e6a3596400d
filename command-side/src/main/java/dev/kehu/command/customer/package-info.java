/**
 * The Customer (客户) aggregate and what surrounds it.
 *
 * <h2>This package: the aggregate</h2>
 * <ul>
 *   <li>{@link dev.kehu.command.customer.Customer}: the root — identity, profile, account manager — and
 *       the entry of every command; its parts are {@code @AggregateMember} entities in the same
 *       consistency boundary: {@link dev.kehu.command.customer.Lifecycle},
 *       {@link dev.kehu.command.customer.ContactBook}, {@link dev.kehu.command.customer.FollowUps},
 *       {@link dev.kehu.command.customer.CreditAccount}, {@link dev.kehu.command.customer.OrderHistory}
 *       and {@link dev.kehu.command.customer.ServiceRecord}.</li>
 *   <li>{@link dev.kehu.command.customer.CustomerCommand}: every command, in one sealed interface that
 *       binds them to the aggregate.</li>
 *   <li>Business refusals: the sealed {@link dev.kehu.command.customer.CustomerRefusal}, each refusal
 *       nested in the kind that decides its HTTP status: {@link dev.kehu.command.customer.CustomerRuleRefusal} (422),
 *       {@link dev.kehu.command.customer.CustomerConflict} (409) and
 *       {@link dev.kehu.command.customer.CustomerPartNotFound} (404).</li>
 *   <li>{@link dev.kehu.command.customer.TierPolicy} (value-tier thresholds, injected into the handlers),
 *       {@link dev.kehu.command.customer.UniqueCustomerFields} (which values must be unique across
 *       customers), {@link dev.kehu.command.customer.CustomerMergeHandler} (merges two customers in one
 *       unit of work), {@link dev.kehu.command.customer.CustomerSnapshotFilter} and the wiring.</li>
 * </ul>
 *
 * <h2>Around it</h2>
 * <ul>
 *   <li>{@code .web}: the REST adapter, {@code /api/customers}.</li>
 *   <li>{@code .uniqueness}: claims that keep credit codes, mobiles and e-mails unique across customers.</li>
 *   <li>{@code .directory}: the command side's own lookup of customers (a subscribing projection).</li>
 *   <li>{@code .tier}: the daily value-tier re-evaluation.</li>
 * </ul>
 * The sub-packages depend on this one, never the other way round.
 */
package dev.kehu.command.customer;
