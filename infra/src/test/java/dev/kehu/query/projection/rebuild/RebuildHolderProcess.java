package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.schedule.MongoJobLease;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.projection.operations.ProjectionControl;

import java.time.Clock;
import java.time.Duration;

/**
 * An instance that only runs rebuilds, as a child JVM for {@link RebuildHolderKilledTest}: it connects to the test's
 * MongoDB-wire server, reads the log from the MongoDB event store there, and runs whatever rebuild it wins the lease
 * for until it is killed (or, should the test die first, for at most a minute).
 * <p>
 * Arguments: the server's port, the database, this instance's name, the lease in milliseconds.
 */
public final class RebuildHolderProcess {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String instance = args[2];
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port);
        MongoDatabase raw = client.getDatabase(args[1]);
        ViewVersions versions = new ViewVersions(raw, Duration.ofMillis(100));
        MongoDatabase routed = versions.routing(raw);
        // no live processors here: this instance is killed long before a switch would pause them
        ProjectionControl control = new ProjectionControl(routed, () -> null, Clock.systemUTC(), Duration.ofMillis(200));
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(raw, versions, EventLog.of(engine(raw)),
                ReadSide.projections(new ViewWriter(routed)), control, new MongoJobLease(raw, instance, lease, Clock.systemUTC())::run,
                RebuildHolderKilledTest.SLOW.withCheckEvery(Duration.ofMillis(100)), Clock.systemUTC(), instance);
        rebuilds.start();
        System.out.println("holder " + instance + " ready");
        Thread.sleep(60_000);
        System.exit(0);
    }

    static MongoEventStorageEngine engine(MongoDatabase database) {
        return MongoEventStorageEngine.builder().database(database).settings(EventStoreSettings.defaults())
                .eventSerializer(AxonConfiguration.messageSerializer()).snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
    }

    private RebuildHolderProcess() {
    }
}
