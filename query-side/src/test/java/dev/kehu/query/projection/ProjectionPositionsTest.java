package dev.kehu.query.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPositionsTest {

    @Test
    void aPositionLeftAsAGapIsNotReachedEvenWhenTheIndexIsPastIt() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, Set.of(7L));
        List<EventTrackerStatus> segments = List.of(status(token));
        assertThat(ProjectionPositions.covers(segments, 7)).isFalse();
        assertThat(ProjectionPositions.covers(segments, 8)).isTrue();
        assertThat(ProjectionPositions.covers(segments, 10)).isTrue();
        assertThat(ProjectionPositions.covers(segments, 11)).isFalse();
    }

    @Test
    void everySegmentMustHaveReachedThePosition() {
        List<EventTrackerStatus> segments = List.of(status(new GlobalSequenceTrackingToken(20)), status(new GlobalSequenceTrackingToken(12)));
        assertThat(ProjectionPositions.covers(segments, 12)).isTrue();
        assertThat(ProjectionPositions.covers(segments, 13)).isFalse();
        assertThat(ProjectionPositions.covers(List.of(), 0)).isFalse();
        assertThat(ProjectionPositions.covers(List.of(status(null)), 0)).isFalse();
    }

    @Test
    void aReplayCountsWhereItHasReplayedTo() {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(40));
        assertThat(ProjectionPositions.covers(List.of(status(replay)), 40)).isTrue();
        assertThat(ProjectionPositions.covers(List.of(status(replay)), 41)).isFalse();
    }

    /** A segment's status as a tracking processor reports it: only the token matters here. */
    private static EventTrackerStatus status(TrackingToken token) {
        return new EventTrackerStatus() {
            public Segment getSegment() {
                return Segment.ROOT_SEGMENT;
            }

            public boolean isCaughtUp() {
                return true;
            }

            public boolean isReplaying() {
                return token instanceof ReplayToken;
            }

            public boolean isMerging() {
                return false;
            }

            public OptionalLong mergeCompletedPosition() {
                return OptionalLong.empty();
            }

            public TrackingToken getTrackingToken() {
                return token;
            }

            public boolean isErrorState() {
                return false;
            }

            public Throwable getError() {
                return null;
            }

            public OptionalLong getCurrentPosition() {
                return token == null ? OptionalLong.empty() : token.position();
            }

            public OptionalLong getResetPosition() {
                return OptionalLong.empty();
            }
        };
    }
}
