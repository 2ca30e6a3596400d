package dev.kehu.query.projection;

import org.axonframework.eventhandling.TrackingToken;

import java.util.List;

/**
 * Who works on which segment of a processing group, as the shared token store records it: for the status of
 * a group split in segments and for spreading segments over the instances. Implemented by the application's
 * token store.
 */
public interface SegmentClaims {

    /** Every stored segment of {@code processingGroup}, by segment id. */
    List<Claim> claims(String processingGroup);

    /** The name this instance claims segments under. */
    String self();

    /**
     * One segment: its owner ({@code null} when released), whether that claim is still live (renewed within the
     * claim timeout; an expired claim is free for any instance), the stored token and when the claim was renewed.
     */
    record Claim(int segment, String owner, boolean live, TrackingToken token, java.time.Instant claimedAt) {
    }
}
