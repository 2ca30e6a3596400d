package dev.kehu.query.fold;

import dev.kehu.query.web.InvalidQueryParameter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The {@code asOf} (an ISO-8601 instant) or {@code asOfPosition} (a global position of the log) of a request, as
 * given; {@link #bound} checks it against the log and the clock.
 */
public record AsOf(Instant instant, Long position) {

    public static final String INSTANT = "asOf";
    public static final String POSITION = "asOfPosition";

    /** The parameters' as-of, or null when neither is given. */
    public static AsOf parse(String asOf, String asOfPosition) {
        return parse(asOf, INSTANT, asOfPosition, POSITION);
    }

    /** As above, for parameters of other names (e.g. {@code from} and {@code to}). */
    public static AsOf parse(String instant, String instantName, String position, String positionName) {
        boolean hasInstant = instant != null && !instant.isBlank();
        boolean hasPosition = position != null && !position.isBlank();
        if (hasInstant && hasPosition) {
            throw new InvalidQueryParameter(positionName, "cannot be combined with " + instantName + ": give one of them");
        }
        if (hasInstant) {
            return new AsOf(instant(instantName, instant.strip()), null);
        }
        if (hasPosition) {
            try {
                long value = Long.parseLong(position.strip());
                if (value < 0) {
                    throw new InvalidQueryParameter(positionName, "must not be negative, got " + value);
                }
                return new AsOf(null, value);
            } catch (NumberFormatException e) {
                throw new InvalidQueryParameter(positionName, "must be a position in the event log (a whole number), got '" + position + "'");
            }
        }
        return null;
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException again) {
                throw new InvalidQueryParameter(name, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z or "
                        + "2026-03-01T16:00:00+08:00, got '" + text + "'");
            }
        }
    }

    /**
     * What to fold: every event up to the log's head at or before the instant, or up to the position.
     *
     * @param name the parameter to name in a 400 (asOf/asOfPosition, or from/to)
     * @throws InvalidQueryParameter for an instant in the future or a position beyond the head of the log
     */
    public Bound bound(long headPosition, Instant now, String instantName, String positionName) {
        if (instant != null) {
            if (instant.isAfter(now)) {
                throw new InvalidQueryParameter(instantName, "is in the future: " + instant + " is after now (" + now + ")");
            }
            return new Bound(headPosition, instant);
        }
        if (position > headPosition) {
            throw new InvalidQueryParameter(positionName, "is beyond the head of the event log: " + position
                    + " > " + headPosition);
        }
        return new Bound(position, Instant.MAX);
    }

    public Bound bound(long headPosition, Instant now) {
        return bound(headPosition, now, INSTANT, POSITION);
    }

    /**
     * The events a view as of a moment contains: those at or below {@code maxPosition} stamped at or before
     * {@code maxTime}. Each aggregate is read up to its first event beyond the bound (the log's timestamps follow its
     * order), so the result is what a replay of the log stopped at that moment folds.
     */
    public record Bound(long maxPosition, Instant maxTime) {

        public boolean includes(FoldEvent event) {
            return event.position() <= maxPosition && !event.timestamp().isAfter(maxTime);
        }

        /** The same bound, no further than {@code position}. */
        public Bound atMost(long position) {
            return new Bound(Math.min(maxPosition, position), maxTime);
        }

        /** Whether everything this bound includes, {@code other} includes too. */
        public boolean within(Bound other) {
            return maxPosition <= other.maxPosition && !maxTime.isAfter(other.maxTime);
        }

        /** The bound's moment in words, for messages. */
        public String describe() {
            return maxTime.equals(Instant.MAX) ? "position " + maxPosition : maxTime.toString();
        }
    }
}
