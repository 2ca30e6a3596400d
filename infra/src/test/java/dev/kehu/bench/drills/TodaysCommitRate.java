package dev.kehu.bench.drills;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.embedded.EmbeddedMongoServer;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;

/**
 * PLACEHOLDER of {@link CommitRateMeasurement} for today's code, which has no durable acknowledgement: single-event
 * commits per second through {@link MongoEventStorageEngine} on the embedded MongoDB-wire server with the H2 file
 * backend (the application's default store), over TCP, one writer, to a random one of 1,000 aggregates;
 * {@value #WARM_UP} commits untimed, then {@value #TIMED_SECONDS} s (at most {@value #MAX_TIMED} commits) timed.
 * That is the rate without durable acknowledgement; the durable one is null.
 */
public final class TodaysCommitRate implements CommitRateMeasurement {

    static final int WARM_UP = 500;
    static final int TIMED_SECONDS = 8;
    static final int MAX_TIMED = 50_000;
    private static final int AGGREGATES = 1_000;

    @Revision("1")
    public record DrillDealBooked(String dealId, String customerName, String note, int lineCount) {
    }

    @Override
    public CommitRates measure(Path workDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onFile(workDir.resolve("commit-rate"), 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .database(client.getDatabase("commit_rate"))
                    .settings(EventStoreSettings.defaults())
                    .eventSerializer(AxonConfiguration.messageSerializer())
                    .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                    .build();
            long[] sequences = new long[AGGREGATES];
            java.util.Random random = new java.util.Random(20261207L);
            for (int i = 0; i < WARM_UP; i++) {
                commit(engine, sequences, random);
            }
            long start = System.nanoTime();
            long deadline = start + TIMED_SECONDS * 1_000_000_000L;
            int commits = 0;
            while (commits < MAX_TIMED && System.nanoTime() < deadline) {
                commit(engine, sequences, random);
                commits++;
            }
            double rate = commits / ((System.nanoTime() - start) / 1e9);
            return new CommitRates(null, Math.round(rate * 10) / 10.0, String.format(Locale.ROOT,
                    "placeholder: %d single-event commits in %d s through MongoEventStorageEngine on the H2 file backend; "
                            + "today's code has no durable acknowledgement, so only the rate without it", commits,
                    TIMED_SECONDS));
        }
    }

    private static void commit(MongoEventStorageEngine engine, long[] sequences, java.util.Random random) {
        int aggregate = random.nextInt(AGGREGATES);
        String id = "deal-" + aggregate;
        engine.appendEvents(new GenericDomainEventMessage<>("Deal", id, sequences[aggregate]++,
                new DrillDealBooked(id, "上海华远贸易有限公司 Shanghai Huayuan Trading Co., Ltd.",
                        "第" + sequences[aggregate] + "笔订单 order line", 1 + random.nextInt(9)),
                MetaData.from(Map.of("actor", "张伟", "correlationId", "c-" + id))));
    }
}
