/**
 * REST conventions shared by every command endpoint (Customer, Opportunity, …).
 *
 * <h2>Request headers</h2>
 * <ul>
 *   <li>No header names the actor: it is the authenticated principal, given by the application's
 *       {@link ActorSource} (stable id and display name; for an INTEGRATION caller also on whose behalf it
 *       acts). An {@code X-Actor} header is ignored.</li>
 *   <li>{@code X-Reason} (optional): why. Header values are ASCII, so non-ASCII text (Chinese) is sent
 *       percent-encoded as UTF-8 ({@code %E5%AE%A2…}); ASCII text may be sent as is ({@code +} stays a
 *       plus). Raw non-ASCII bytes, malformed escapes, escapes that are not well-formed UTF-8 and control
 *       characters are refused with 400 naming the header. Endpoints whose body has a domain {@code reason} field (churn, drop, credit hold,
 *       reassignment) use that as the audit reason when the header is absent.</li>
 *   <li>{@code X-Correlation-Id} (optional): generated when absent; echoed in the response.</li>
 *   <li>{@code Idempotency-Key} (optional): the same key with the same method, path and body within 24
 *       hours returns the first result (status, body, ETag) and appends nothing; the same key with a
 *       different request → 422; while the first request still runs → 409. Failed requests release
 *       their key. Stored in the MongoDB collection {@code idempotency_keys} ({@link IdempotencyStore}).</li>
 *   <li>{@code If-Match: "<version>"} (optional): the aggregate version the caller last saw; a
 *       different current version → 409 and nothing is appended ({@link AggregateVersionInterceptor}).</li>
 * </ul>
 * Actor, reason and correlation id travel as command metadata ({@link dev.kehu.events.MetadataKeys})
 * and {@link AuditCorrelationDataProvider} copies them, plus causationId = the command's message id,
 * onto every event the command causes.
 *
 * <h2>Responses</h2>
 * A successful command answers 200 (201 when it creates something) with {@code ETag: "<version>"} and a
 * JSON body {@code {"id": …, "version": n, "position": p, …}}: the aggregate id, its version after the
 * command (Axon's last sequence number) and the global position of the commit in the event store
 * ({@code null} when the store does not report one). Feature ids created by the command (contactId,
 * interactionId, …) are added to the body. Every client mistake answers {@code application/problem+json}
 * (Spring {@code ProblemDetail}, shape in {@link Problems}) with {@code detail}, a stable {@code code}
 * and, where one field is at fault, {@code field}: 400 malformed input, 404 unknown aggregate or part,
 * 409 state conflicts and stale versions, 415 a wildcard or non-JSON content type
 * ({@link MediaTypeGuard}), 422 rule refusals. Feature packages register {@link ProblemMapping} beans
 * for their exception types. What request bodies may hold (strict JSON types, amounts, dates,
 * well-formed text) is enforced by {@link StrictRequestJson} and {@link MoneyAmount}. Errors outside any
 * controller (unknown paths, the container's error page, requests Tomcat refuses) are the application's, not
 * the command side's: {@code dev.kehu.infra.web} answers them in the same shape.
 *
 * <h2>Using it in a controller</h2>
 * <pre>{@code
 * @PostMapping("/{id}/things")
 * ResponseEntity<String> addThing(@PathVariable String id, @Valid @RequestBody AddThingRequest body,
 *                                 CommandContext context) {
 *     return commands.execute(context, body, HttpStatus.CREATED,
 *             () -> dispatcher.send(context, new AddThing(id, …)).with("thingId", thingId));
 * }
 * }</pre>
 * and register an {@link AggregateBinding} bean for the aggregate's command type, e.g.
 * {@code AggregateBinding.forCommandsOf(OpportunityCommand.class, "opportunity", repository)}.
 */
package dev.kehu.command.web;
