package dev.kehu.infra.tokenstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.MutableClock;
import dev.kehu.infra.eventstore.MongoTestServer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoTokenStoreTest {

    private static final MongoTestServer server = new MongoTestServer();
    private static final String PROCESSOR = "客户概览-customer-summary";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private MongoDatabase database;
    private MongoTokenStore nodeA;
    private MongoTokenStore nodeB;

    @BeforeEach
    void setUp() {
        database = server.newDatabase();
        nodeA = new MongoTokenStore(server.newClient().getDatabase(database.getName()), "tokens",
                AxonConfiguration.messageSerializer(), "node-A", Duration.ofSeconds(10), clock);
        nodeB = new MongoTokenStore(server.newClient().getDatabase(database.getName()), "tokens",
                AxonConfiguration.messageSerializer(), "node-B", Duration.ofSeconds(10), clock);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void storesTheTokenAsAReadableDocumentWithItsType() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.storeToken(GapAwareTrackingToken.newInstance(42, List.of(40L, 41L)), PROCESSOR, 0);

        BsonDocument stored = database.getCollection("tokens", BsonDocument.class)
                .find(Filters.eq("_id", PROCESSOR + "/0")).first();

        assertThat(stored.getString("tokenType").getValue()).isEqualTo(GapAwareTrackingToken.class.getName());
        assertThat(stored.getDocument("token").getNumber("index").longValue()).isEqualTo(42L);
        assertThat(stored.getDocument("token").getArray("gaps")).hasSize(2);
        assertThat(stored.getString("owner").getValue()).isEqualTo("node-A");
        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(GapAwareTrackingToken.newInstance(42, List.of(40L, 41L)));
    }

    @Test
    void roundTripsAReplayToken() {
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(10, List.of()),
                GapAwareTrackingToken.newInstance(3, List.of(2L)));
        nodeA.initializeTokenSegments(PROCESSOR, 1, replay);

        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(replay);
    }

    @Test
    void letsOnlyOneOwnerClaimASegmentUntilTheClaimTimesOut() {
        nodeA.initializeTokenSegments(PROCESSOR, 2, GapAwareTrackingToken.newInstance(0, List.of()));
        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0, 1);

        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.storeToken(GapAwareTrackingToken.newInstance(7, List.of()), PROCESSOR, 0);

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("owned by another node");
        assertThatThrownBy(() -> nodeB.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeB.storeToken(GapAwareTrackingToken.newInstance(9, List.of()), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeB.deleteToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeB.fetchAvailableSegments(PROCESSOR)).extracting(Segment::getSegmentId).containsExactly(1);

        clock.advance(Duration.ofSeconds(5));
        nodeA.extendClaim(PROCESSOR, 0);
        clock.advance(Duration.ofSeconds(8));
        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);

        clock.advance(Duration.ofSeconds(11));
        assertThat(nodeB.fetchAvailableSegments(PROCESSOR)).extracting(Segment::getSegmentId).containsExactly(0, 1);
        assertThat(nodeB.fetchToken(PROCESSOR, 0)).isEqualTo(GapAwareTrackingToken.newInstance(7, List.of()));
        assertThatThrownBy(() -> nodeA.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeA.storeToken(GapAwareTrackingToken.newInstance(8, List.of()), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);

        nodeB.releaseClaim(PROCESSOR, 0);
        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(GapAwareTrackingToken.newInstance(7, List.of()));
        nodeA.deleteToken(PROCESSOR, 0);
        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(1);
    }

    @Test
    void refusesToInitializeSegmentsTwice() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        assertThatThrownBy(() -> nodeB.initializeTokenSegments(PROCESSOR, 1))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeB.initializeSegment(null, PROCESSOR, 0))
                .isInstanceOf(UnableToInitializeTokenException.class);
        nodeB.initializeSegment(GapAwareTrackingToken.newInstance(3, List.of()), PROCESSOR, 1);
        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0, 1);
    }

    @Test
    void refusesToClaimASegmentThatWasNeverInitialized() {
        assertThatThrownBy(() -> nodeA.fetchToken("unknown", 0)).isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not been initialized");
    }

    @Test
    void givesEveryNodeTheSameStorageIdentifier() {
        String identifier = nodeA.retrieveStorageIdentifier().orElseThrow();

        assertThat(nodeB.retrieveStorageIdentifier()).contains(identifier);
        assertThat(nodeA.fetchSegments("__storage_identifier")).isEmpty();
    }
}
