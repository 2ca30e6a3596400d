package dev.kehu.infra.eventstore;

import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngineTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.UnaryOperator;

/**
 * Axon's own contract suite for storage engines ({@code AbstractEventStorageEngineTest} and the
 * {@code EventStorageEngineTest} it extends, from the {@code tests} jar of axon-eventsourcing), run unchanged against
 * {@link MongoEventStorageEngine} on the embedded MongoDB-wire server, one fresh database per engine.
 *
 * <p>{@code BatchingEventStorageEngineTest} does not apply: it is typed to Axon's {@code BatchingEventStorageEngine}
 * (a JDBC/JPA-style engine reading fixed-size batches), which ours is not; its two cases (reading an aggregate and
 * the stream in many batches) are covered by {@link StreamCatchUpTest} and {@link TrackingAndSnapshotTest}.
 */
class AxonEngineContractTest
        extends AbstractEventStorageEngineTest<MongoEventStorageEngine, MongoEventStorageEngine.Builder> {

    private static final MongoTestServer server = MongoTestServer.onKehuStore();

    @BeforeEach
    void setUp() {
        setTestSubject(createEngine());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected MongoEventStorageEngine createEngine(UnaryOperator<MongoEventStorageEngine.Builder> customization) {
        return customization.apply(StoreFixtures.engineBuilder(server.newDatabase(), UnaryOperator.identity()))
                .build();
    }
}
