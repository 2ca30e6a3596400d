package dev.kehu.command.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a command request end to end: honours the Idempotency-Key (replaying the first response for the
 * same request, refusing a different one), and turns the {@link CommandResult} into the response: the
 * given status, {@code ETag: "<version>"}, {@code X-Correlation-Id}, a {@code Location} for 201, and the
 * JSON body {@code {"id","version","position",…}}. A replay adds {@code Idempotent-Replayed: true}.
 */
public class CommandExecutor {

    private final IdempotencyStore idempotencyStore;
    private final JsonMapper jsonMapper;
    private final CommandDispatcher dispatcher;

    public CommandExecutor(IdempotencyStore idempotencyStore, JsonMapper jsonMapper, CommandDispatcher dispatcher) {
        this.idempotencyStore = idempotencyStore;
        this.jsonMapper = jsonMapper;
        this.dispatcher = dispatcher;
    }

    /**
     * @param request the parsed request body (null when there is none); with method and path it is
     *                the request's fingerprint for idempotency
     * @param location for 201, the path of the created resource (may be null)
     */
    public ResponseEntity<String> execute(CommandContext context, Object request, HttpStatus status,
                                          String location, Supplier<CommandResult> command) {
        if (context.idempotencyKey() == null) {
            return respond(context, status, location, command.get());
        }
        String key = context.idempotencyKey();
        IdempotencyStore.Claim claim = idempotencyStore.claim(key, fingerprint(context, request), status.value(),
                location);
        if (claim instanceof IdempotencyStore.Replay replay) {
            return replay(context, replay);
        }
        String claimId = ((IdempotencyStore.Acquired) claim).claimId();
        try {
            CommandResult result = command.get();
            ResponseEntity<String> response = respond(context, status, location, result);
            idempotencyStore.complete(key, claimId, status.value(), response.getBody(), result.etag(), location);
            return response;
        } catch (RuntimeException | Error e) {
            idempotencyStore.release(key, claimId);
            throw e;
        }
    }

    public ResponseEntity<String> execute(CommandContext context, Object request, Supplier<CommandResult> command) {
        return execute(context, request, HttpStatus.OK, null, command);
    }

    /** Sends the command, built once the request has passed the idempotency check, and answers 200. */
    public ResponseEntity<String> send(CommandContext context, Object request, Supplier<Object> command) {
        return execute(context, request, () -> dispatcher.send(context, command.get()));
    }

    /** As {@link #send(CommandContext, Object, Supplier)}, with {@code answer} adding names to the response body. */
    public ResponseEntity<String> send(CommandContext context, Object request, Supplier<Object> command,
                                       UnaryOperator<CommandResult> answer) {
        return execute(context, request, () -> answer.apply(dispatcher.send(context, command.get())));
    }

    /**
     * Sends a command that records something new under the id {@code id}, chosen by the endpoint: answers 201 (with a
     * {@code Location} when {@code location} is not null) and names the id in the body as {@code idName}.
     */
    public ResponseEntity<String> create(CommandContext context, Object request, String location, String idName, String id,
                                         Supplier<Object> command) {
        return execute(context, request, HttpStatus.CREATED, location,
                () -> dispatcher.send(context, command.get()).with(idName, id));
    }

    /**
     * Sends a command that carries a reason: the request body's when it is not blank, else the X-Reason header's.
     * The body's reason is also the audit reason of the stored events when the request has no X-Reason header.
     */
    public ResponseEntity<String> sendWithReason(CommandContext context, Object request, String bodyReason,
                                                 Function<String, Object> command) {
        String reason = bodyReason == null || bodyReason.isBlank() ? context.reason() : bodyReason;
        return send(context.withDefaultReason(bodyReason), request, () -> command.apply(reason));
    }

    private ResponseEntity<String> respond(CommandContext context, HttpStatus status, String location,
                                           CommandResult result) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(result.etag())
                .header(CommandContextArgumentResolver.CORRELATION_ID, context.correlationId());
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        return builder.body(jsonMapper.writeValueAsString(result.body()));
    }

    private static ResponseEntity<String> replay(CommandContext context, IdempotencyStore.Replay replay) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(replay.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true")
                .header(CommandContextArgumentResolver.CORRELATION_ID, context.correlationId());
        if (replay.etag() != null) {
            builder.eTag(replay.etag());
        }
        if (replay.location() != null) {
            builder.header(HttpHeaders.LOCATION, replay.location());
        }
        return builder.body(replay.body());
    }

    private String fingerprint(CommandContext context, Object request) {
        String canonical = context.method() + " " + context.path() + "\n"
                + (request == null ? "" : jsonMapper.writeValueAsString(request));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
