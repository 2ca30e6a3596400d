package dev.kehu.infra.axon;

import dev.kehu.infra.tokenstore.MongoTokenStore;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Finds streaming processors whose token is beyond the head of the event log, and repairs them.
 *
 * <p>A token can only get ahead of the log when the log lost events the processor had read: the event store was
 * restored from an older backup than the token store, or the log was truncated. Such a processor would wait,
 * without a word, for positions that were already used, and then skip every event stored up to its old position.
 * Its views hold effects of events that no longer exist, so the only honest repair is a full replay: the
 * processor is stopped, its tokens are brought down to the head, it is reset (Axon's {@code resetTokens}: its
 * {@code @ResetHandler}s clear its views and it replays the log from the start, as a replay up to the head) and
 * started again. Each repair is logged at ERROR, naming the processor, its token positions and the head.
 *
 * <p>A processor whose handlers do not support a reset is only reported (at ERROR, every check): replaying it
 * into views it cannot clear would apply events twice.
 */
public class TokenAheadOfLogRepair {

    private static final Logger log = LoggerFactory.getLogger(TokenAheadOfLogRepair.class);

    private final Supplier<Configuration> axon;
    private final MongoTokenStore tokens;

    public TokenAheadOfLogRepair(Supplier<Configuration> axon, MongoTokenStore tokens) {
        this.axon = axon;
        this.tokens = tokens;
    }

    /** A processor found ahead of the log: its stored token positions by segment, and the head. */
    public record Finding(String processor, Map<Integer, Long> tokenPositions, long head, boolean repaired) {
    }

    /** Checks every streaming processor once; repairs those ahead of the log. Returns what it found. */
    public List<Finding> checkAll() {
        Configuration configuration = axon.get();
        List<Finding> findings = new ArrayList<>();
        if (configuration == null) {
            return findings;
        }
        for (EventProcessor processor : configuration.eventProcessingConfiguration().eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                Finding finding = check(configuration, streaming);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    private Finding check(Configuration configuration, StreamingEventProcessor processor) {
        String name = processor.getName();
        SortedMap<Integer, TrackingToken> stored = tokens.peekTokens(name);
        Map<Integer, Long> positions = new java.util.TreeMap<>();
        long highest = -1;
        for (Map.Entry<Integer, TrackingToken> segment : stored.entrySet()) {
            long position = segment.getValue() == null ? -1 : segment.getValue().position().orElse(-1);
            positions.put(segment.getKey(), position);
            highest = Math.max(highest, position);
        }
        // the head is read after the tokens: it only grows, so a token found beyond it really is
        TrackingToken headToken = configuration.eventStore().createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        if (highest <= head) {
            return null;
        }
        if (!processor.supportsReset()) {
            log.error("Event processor '{}' has its token at {} (by segment), beyond the head of the event log at {}: "
                    + "the log lost events it had read (restored from an older backup, or truncated). Its handlers "
                    + "do not support a reset, so it is NOT repaired: rebuild its views and reset it by hand.",
                    name, positions, head);
            return new Finding(name, positions, head, false);
        }
        log.error("Event processor '{}' has its token at {} (by segment), beyond the head of the event log at {}: "
                + "the log lost events it had read (restored from an older backup, or truncated). Resetting it to "
                + "replay the log from the start; its reset handlers rebuild its views.", name, positions, head);
        repair(processor, stored, headToken);
        log.error("Event processor '{}' was reset and replays the event log from the start (head {})", name, head);
        return new Finding(name, positions, head, true);
    }

    private void repair(StreamingEventProcessor processor, SortedMap<Integer, TrackingToken> stored,
                        TrackingToken headToken) {
        String name = processor.getName();
        boolean wasRunning = processor.isRunning();
        processor.shutDown();
        // down to the head first, so that the reset's replay ends at the head rather than at the lost position
        for (Integer segment : stored.keySet()) {
            tokens.storeToken(headToken, name, segment);
            tokens.releaseClaim(name, segment);
        }
        processor.resetTokens();
        if (wasRunning) {
            processor.start();
        }
    }
}
