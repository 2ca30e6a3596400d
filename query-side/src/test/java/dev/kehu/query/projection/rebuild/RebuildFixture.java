package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.RebuildBatch;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.projection.operations.ProjectionControl;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read side as the application runs it for rebuilds: the live processors ({@link ReadSide}) write through the version
 * routing, pause and resume through a {@link ProjectionControl}, and instances of {@link ProjectionRebuilds} on the same
 * database, reading the same log.
 */
final class RebuildFixture implements AutoCloseable {

    final MongoDatabase raw;
    final ViewVersions versions;
    final MongoDatabase routed;
    final ReadSide readSide;
    final ProjectionControl control;
    final EventStorageEngine engine;
    private final List<ProjectionRebuilds> instances = new ArrayList<>();

    RebuildFixture(EmbeddedMongo mongo, String name, EventStorageEngine engine, Clock clock) {
        this.raw = mongo.database(name);
        this.engine = engine;
        this.versions = new ViewVersions(raw, Duration.ofMillis(100));
        this.routed = versions.routing(raw);
        this.readSide = ReadSide.start(routed, engine, clock, 40, true);
        this.control = new ProjectionControl(routed, readSide::configuration, clock, Duration.ofMillis(200));
        control.start();
    }

    /** A new instance's rebuilds, checking every 100 ms, with {@code lease} between the instances. */
    ProjectionRebuilds instance(String name, RebuildProperties properties, RebuildLease lease) {
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(raw, versions, EventLog.of(engine), ReadSide.projections(new ViewWriter(routed)),
                control, lease, properties.withCheckEvery(Duration.ofMillis(100)), Clock.systemUTC(), name);
        rebuilds.start();
        instances.add(rebuilds);
        return rebuilds;
    }

    Document state(String group) {
        Document state = raw.getCollection(ViewVersions.COLLECTION).find(new Document("_id", group)).first();
        return state == null ? new Document() : state;
    }

    Document rebuild(String group) {
        Document rebuild = state(group).get("rebuild", Document.class);
        return rebuild == null ? new Document() : rebuild;
    }

    void awaitState(String group, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.equals(rebuild(group).getString("state"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rebuild of " + group + " not " + state + " within " + timeout + ": " + state(group).toJson());
            }
            Thread.sleep(20);
        }
    }

    /** The documents of the group's collections in {@code version}, by plain collection name. */
    Map<String, List<String>> version(String group, int version) {
        return documents(raw, group, version);
    }

    /** The group rebuilt from scratch from the whole log in a database of its own: what any rebuild must equal. */
    Map<String, List<String>> fromScratch(EmbeddedMongo mongo, String group) {
        MongoDatabase scratch = mongo.database("scratch-" + group + "-" + System.nanoTime());
        RebuildBatch batch = new RebuildBatch(group, ReadSide.projections(new ViewWriter(scratch)).get(group), scratch,
                ProjectionCollections.of(group), true, 1_000_000);
        new RebuildPass(EventLog.of(engine), List.of(batch), 5_000).run(-1, (position, pass) -> true);
        return documents(scratch, group, 0);
    }

    static Map<String, List<String>> documents(MongoDatabase database, String group, int version) {
        Map<String, List<String>> documents = new TreeMap<>();
        for (String collection : ProjectionCollections.of(group)) {
            List<String> all = new ArrayList<>();
            for (Document document : database.getCollection(ViewVersions.name(collection, version)).find().sort(new Document("_id", 1))) {
                all.add(document.toJson());
            }
            documents.put(collection, all);
        }
        return documents;
    }

    boolean exists(String collection) {
        return raw.listCollectionNames().into(new ArrayList<>()).contains(collection);
    }

    @Override
    public void close() {
        instances.forEach(ProjectionRebuilds::close);
        control.close();
        readSide.close();
    }
}
