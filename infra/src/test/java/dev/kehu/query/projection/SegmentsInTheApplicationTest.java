package dev.kehu.query.projection;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.tokenstore.MongoTokenStore;
import dev.kehu.query.projection.operations.ProjectionStatuses;
import dev.kehu.query.projection.operations.SegmentBalancer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with {@code kehu.projections.segments=3}: the splittable view groups run as pooled processors in
 * three segments claimed through the MongoDB token store, the others in one tracking processor, the balancer runs,
 * and a group's status lists every segment with its owner.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kehu.projections.segments=3")
@SharedServers
@DirtiesContext
class SegmentsInTheApplicationTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoTokenStore tokens;
    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    SegmentBalancer balancer;

    @Test
    void theSplittableGroupsRunInTheConfiguredSegmentsAndTheStatusShowsTheirOwners() throws InterruptedException {
        for (String group : ProjectionGroups.ALL) {
            Class<?> expected = ProjectionGroups.SPLITTABLE.contains(group) ? PooledStreamingEventProcessor.class : TrackingEventProcessor.class;
            assertThat(processing.eventProcessor(group)).as(group).get().isInstanceOf(expected);
        }
        assertThat(balancer.isRunning()).isTrue();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ProjectionGroups.SPLITTABLE.stream().allMatch(group -> tokens.claims(group).stream()
                .filter(claim -> claim.live() && tokens.self().equals(claim.owner())).count() == 3)) {
            assertThat(System.nanoTime()).as("this instance claims the three segments of every split group").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(tokens.claims(ProjectionGroups.WORKLIST)).hasSize(1);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> segments = (List<Map<String, Object>>) statuses.one(ProjectionGroups.CUSTOMER_LIST).get("segments");
        assertThat(segments).extracting(segment -> segment.get("segment")).containsExactly(0, 1, 2);
        assertThat(segments).allSatisfy(segment -> {
            assertThat(segment.get("owner")).isEqualTo(tokens.self());
            assertThat(segment.get("ownedHere")).isEqualTo(true);
        });
    }
}
