package dev.kehu.query.projection.operations;

import dev.kehu.query.projection.SegmentClaims;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@code segments} to a group's status: every segment as the shared token store has it, with the instance
 * that holds it ({@code owner}, {@code claimLive}: false when released or when its holder stopped renewing), its
 * stored position and when the claim was last renewed. {@code segmentsHere} (from this instance's processor) shows
 * the live progress of the segments this instance runs.
 */
public class SegmentStatus implements ProjectionStatuses.Extra {

    private final SegmentClaims claims;

    public SegmentStatus(SegmentClaims claims) {
        this.claims = claims;
    }

    @Override
    public void addTo(String group, Map<String, Object> status) {
        List<Map<String, Object>> segments = new ArrayList<>();
        for (SegmentClaims.Claim claim : claims.claims(group)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("segment", claim.segment());
            entry.put("owner", claim.owner());
            entry.put("claimLive", claim.live());
            entry.put("ownedHere", claim.live() && claims.self().equals(claim.owner()));
            TrackingToken token = WrappedToken.unwrapLowerBound(claim.token());
            entry.put("position", token == null || token.position().isEmpty() ? null : token.position().getAsLong());
            entry.put("claimedAt", claim.claimedAt() == null ? null : claim.claimedAt().toString());
            segments.add(entry);
        }
        status.put("segments", segments);
    }
}
