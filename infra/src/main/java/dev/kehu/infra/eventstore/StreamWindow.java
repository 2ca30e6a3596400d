package dev.kehu.infra.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.List;

/**
 * The events of one read of the global stream, the token after everything decided in it, and whether it stopped
 * before a commit that is still being inserted.
 */
record StreamWindow(List<StoredEventData> events, GapAwareTrackingToken token, boolean stoppedAtPending) {
}
