package dev.kehu.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.KehuApplication;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.RebuildBatch;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.projection.rebuild.EventLog;
import dev.kehu.query.projection.rebuild.ProjectionCollections;
import dev.kehu.query.projection.rebuild.RebuildPass;
import dev.kehu.query.projection.rebuild.ViewVersions;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebuild part of {@link ViewsBenchmark}: the seeded history in the MongoDB event store (its own database on the
 * same server), all seven views rebuilt from it in batch mode ({@link RebuildPass}: the live handlers over chunks of
 * the log, each document written once per chunk), where the time goes (waiting for the stream, folding, writing),
 * and a raw bulk insert of the same final view documents for {@code rebuild_ratio}.
 */
final class ViewsRebuild {

    /** Events per chunk: environment variable {@code VIEWS_BENCH_CHUNK}, default the application's default (20,000). */
    static final int CHUNK = Integer.parseInt(System.getenv().getOrDefault("VIEWS_BENCH_CHUNK", "20000"));
    static final int MAX_DOCUMENTS = 1_000_000;

    private final MongoEventStorageEngine store;
    private final MongoDatabase views;

    ViewsRebuild(MongoDatabase historyDatabase, MongoDatabase views) {
        this.store = MongoEventStorageEngine.builder().database(historyDatabase).settings(EventStoreSettings.defaults())
                .eventSerializer(AxonConfiguration.messageSerializer()).snapshotSerializer(AxonConfiguration.snapshotSerializer()).build();
        this.views = views;
    }

    EventLog log() {
        return EventLog.of(store);
    }

    /**
     * The application on the views the rebuild wrote ({@code kehu} database at {@code mongoUri}), on a free port, with no
     * search cluster (the view endpoints do not need one) and quiet logs.
     */
    static ConfigurableApplicationContext application(String mongoUri) {
        return SpringApplication.run(KehuApplication.class,
                "--kehu.mongodb.uri=" + mongoUri,
                "--kehu.mongodb.database=kehu",
                "--kehu.elasticsearch.url=http://127.0.0.1:9",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.axonframework=ERROR");
    }

    /** Appends the history to the event store in commits of 1,000 events. */
    void seed(SeededHistory history, Map<String, Object> results) {
        long t0 = System.nanoTime();
        List<? extends EventMessage<?>> events = history.events();
        for (int i = 0; i < events.size(); i += 1_000) {
            store.appendEvents(new ArrayList<>(events.subList(i, Math.min(events.size(), i + 1_000))));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        results.put("seed_event_store_seconds", ViewsBenchmark.round(seconds));
        System.out.printf(Locale.ROOT, "seeded the MongoDB event store with %d events in %.1f s%n", events.size(), seconds);
    }

    /** Reads the whole log without folding: the ceiling the stream sets. */
    void streamOnly(Map<String, Object> results) {
        long t0 = System.nanoTime();
        long count;
        try (var stream = log().readAfter(-1)) {
            count = stream.count();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        results.put("rebuild_stream_only_events_per_s", ViewsBenchmark.round(count / seconds));
        System.out.printf(Locale.ROOT, "stream only: %d events in %.1f s, %.0f events/s%n", count, seconds, count / seconds);
    }

    /** Rebuilds all seven views from scratch into their plain collections; answers the seconds taken. */
    double rebuildAll(int events, Map<String, Object> results) {
        RebuildPass pass = pass(ProjectionGroups.ALL, 0);
        long t0 = System.nanoTime();
        long[] lastReport = {t0};
        pass.run(-1, (position, p) -> {
            if (System.nanoTime() - lastReport[0] > 10e9) {
                lastReport[0] = System.nanoTime();
                System.out.printf(Locale.ROOT, "rebuild: %d events, position %d%n", p.events(), position);
            }
            return true;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (pass.events() != events) {
            throw new IllegalStateException("the rebuild read " + pass.events() + " events, the history has " + events);
        }
        results.put("rebuild_events_per_s", ViewsBenchmark.round(events / seconds));
        results.put("rebuild_seconds", ViewsBenchmark.round(seconds));
        results.put("rebuild_views", ProjectionGroups.ALL);
        results.put("rebuild_chunk_events", CHUNK);
        results.put("rebuild_stream_wait_seconds", ViewsBenchmark.round(pass.readSeconds()));
        results.put("rebuild_fold_seconds", ViewsBenchmark.round(pass.foldSeconds()));
        results.put("rebuild_write_wait_seconds", ViewsBenchmark.round(pass.writeSeconds()));
        results.put("rebuild_write_busy_seconds", ViewsBenchmark.round(pass.writeBusySeconds()));
        results.put("rebuild_documents_written", pass.documentsWritten());
        System.out.printf(Locale.ROOT, "rebuild of %d views from %d events: %.1f s, %.0f events/s (stream wait %.1f s, fold %.1f s, write wait %.1f s"
                        + " (writes ran %.1f s beside the fold); %d document writes)%n",
                ProjectionGroups.ALL.size(), events, seconds, events / seconds, pass.readSeconds(), pass.foldSeconds(),
                pass.writeSeconds(), pass.writeBusySeconds(), pass.documentsWritten());
        return seconds;
    }

    /** A pass over the log for {@code groups} into their collections of {@code version}, empty at the start. */
    RebuildPass pass(List<String> groups, int version) {
        List<RebuildBatch> batches = new ArrayList<>();
        ReadSide.projections(new ViewWriter(views)).forEach((group, projections) -> {
            if (groups.contains(group)) {
                for (String collection : ProjectionCollections.of(group)) {
                    views.getCollection(ViewVersions.name(collection, version)).drop();
                }
                batches.add(new RebuildBatch(group, projections, ViewVersions.databaseFor(views, group, version),
                        ProjectionCollections.of(group), true, MAX_DOCUMENTS));
            }
        });
        return new RebuildPass(log(), batches, CHUNK);
    }

    /**
     * Inserts the final view documents (read back first) into fresh collections with {@code insertMany} of 1,000:
     * the server's raw write speed for what the rebuild produced. Answers the seconds of the inserts alone.
     */
    double rawInsertOfTheViews(Map<String, Object> results) {
        List<String> collections = ProjectionCollections.BY_GROUP.values().stream().flatMap(List::stream).toList();
        Map<String, List<Document>> documents = new java.util.LinkedHashMap<>();
        long count = 0;
        for (String collection : collections) {
            List<Document> all = views.getCollection(collection).find().into(new ArrayList<>());
            documents.put(collection, all);
            count += all.size();
        }
        long t0 = System.nanoTime();
        for (Map.Entry<String, List<Document>> entry : documents.entrySet()) {
            MongoCollection<Document> raw = views.getCollection("bench_raw_" + entry.getKey());
            raw.drop();
            List<Document> all = entry.getValue();
            for (int i = 0; i < all.size(); i += 1_000) {
                raw.insertMany(all.subList(i, Math.min(all.size(), i + 1_000)));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (String collection : collections) {
            views.getCollection("bench_raw_" + collection).drop();
        }
        results.put("view_documents", count);
        results.put("raw_insert_seconds", ViewsBenchmark.round(seconds));
        System.out.printf(Locale.ROOT, "raw insert of the %d final view documents: %.1f s%n", count, seconds);
        return seconds;
    }

    /**
     * Rebuilds {@code group} into version 1 again and again on a background thread until {@code stop}, at most
     * {@code maxRuns} times; counts the events rebuilt.
     */
    Thread rebuildInBackground(String group, AtomicBoolean stop, AtomicLong rebuilt, int maxRuns) {
        Thread thread = new Thread(() -> {
            for (int run = 0; run < maxRuns && !stop.get(); run++) {
                RebuildPass pass = pass(List.of(group), 1);
                pass.run(-1, (position, p) -> !stop.get());
                rebuilt.addAndGet(pass.events());
            }
        }, "bench-background-rebuild");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
