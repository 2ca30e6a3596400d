package dev.kehu.query.projection.rebuild;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.kehu.query.elasticsearch.IndexRebuild;
import dev.kehu.query.projection.RepeatingTask;
import dev.kehu.query.projection.operations.ProjectionControl;
import dev.kehu.query.projection.operations.ProjectionOperationRefused;
import dev.kehu.query.projection.operations.UnknownProjection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds of the MongoDB views and of the Elasticsearch indexes ({@link IndexRebuild}) without downtime: {@link #start} records the request in the group's version document
 * ({@value ViewVersions#COLLECTION}) and the job ({@link RebuildJob}) runs under the lease on one instance. Every
 * instance looks once per {@code checkEvery} for rebuilds to run (a rebuild whose instance stopped resumes from its
 * stored position: here after a restart, or on another instance) and for retired versions past their grace period,
 * which it drops. {@link #cancel} marks the rebuild cancelled; its job drops what it built.
 */
public class ProjectionRebuilds implements SmartLifecycle, AutoCloseable, RebuildJob.RebuildContext {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final List<String> ACTIVE = List.of(RebuildJob.RUNNING, RebuildJob.SWITCHING);
    private static final int DUPLICATE_KEY = 11000;

    private final MongoDatabase database;
    private final MongoCollection<Document> versions;
    private final ViewVersions viewVersions;
    private final EventLog log;
    private final Map<String, List<Object>> projections;
    private final Map<String, IndexRebuild> indexRebuilds;
    private final ProjectionControl control;
    private final RebuildLease lease;
    private final RebuildProperties properties;
    private final Clock clock;
    private final String instance;
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final RepeatingTask checker = new RepeatingTask("projection-rebuild-check");
    private ExecutorService workers = newWorkers();
    private volatile boolean running;
    private volatile boolean stopping;

    /**
     * @param database    the database without version routing (the rebuild names its collections itself)
     * @param projections the handler objects of each view group, as the live processors run them
     */
    public ProjectionRebuilds(MongoDatabase database, ViewVersions viewVersions, EventLog log, Map<String, List<Object>> projections,
                              ProjectionControl control, RebuildLease lease, RebuildProperties properties, Clock clock, String instance) {
        this(database, viewVersions, log, projections, Map.of(), control, lease, properties, clock, instance);
    }

    /** @param indexRebuilds how to rebuild each group that writes an Elasticsearch index, by group */
    public ProjectionRebuilds(MongoDatabase database, ViewVersions viewVersions, EventLog log, Map<String, List<Object>> projections,
                              Map<String, IndexRebuild> indexRebuilds, ProjectionControl control, RebuildLease lease,
                              RebuildProperties properties, Clock clock, String instance) {
        this.indexRebuilds = Map.copyOf(indexRebuilds);
        this.database = database;
        this.versions = database.getCollection(ViewVersions.COLLECTION);
        this.viewVersions = viewVersions;
        this.log = log;
        this.projections = Map.copyOf(projections);
        this.control = control;
        this.lease = lease;
        this.properties = properties;
        this.clock = clock;
        this.instance = instance;
    }

    private static ExecutorService newWorkers() {
        return Executors.newCachedThreadPool(RepeatingTask.daemon("projection-rebuild"));
    }

    /** Starts a rebuild of {@code group} into its next version; answers the group's rebuild status. */
    public Map<String, Object> start(String group, String actor) {
        requireView(group);
        Document request = new Document("state", RebuildJob.RUNNING).append("attempt", 0).append("position", -1L)
                .append("head", log.headPosition()).append("requestedBy", actor).append("requestedAt", Date.from(clock.instant()));
        Document claimed;
        try {
            claimed = versions.findOneAndUpdate(new Document("_id", group).append("rebuild.state", new Document("$nin", ACTIVE)),
                    Updates.combine(Updates.inc("lastVersion", 1), Updates.set("rebuild", request)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoCommandException | MongoWriteException e) {
            int code = e instanceof MongoCommandException command ? command.getErrorCode() : ((MongoWriteException) e).getError().getCode();
            if (code != DUPLICATE_KEY) {
                throw e;
            }
            claimed = null; // the document exists with a rebuild running: the upsert's insert collided with it
        }
        if (claimed == null) {
            throw new ProjectionOperationRefused(group, "a rebuild of projection '" + group + "' is already running");
        }
        int version = Math.max(claimed.getInteger("lastVersion"), currentOf(claimed) + 1);
        versions.updateOne(Filters.eq("_id", group), Updates.combine(Updates.set("lastVersion", version), Updates.set("rebuild.version", version)));
        LOG.warn("Rebuild of projection {} into version {} requested by {}", group, version, actor);
        submit(group, version, 0);
        return status(group);
    }

    /** Cancels the running rebuild of {@code group}; its new collections are dropped. */
    public Map<String, Object> cancel(String group, String actor) {
        requireView(group);
        long matched = versions.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("rebuild.state", RebuildJob.RUNNING)),
                Updates.combine(Updates.set("rebuild.state", RebuildJob.CANCELLED), Updates.set("rebuild.cancelledBy", actor),
                        Updates.set("rebuild.cancelledAt", Date.from(clock.instant())))).getMatchedCount();
        if (matched == 0) {
            throw new ProjectionOperationRefused(group, "no rebuild of projection '" + group
                    + "' is running (a rebuild already switching versions cannot be cancelled)");
        }
        LOG.warn("Rebuild of projection {} cancelled by {}", group, actor);
        return status(group);
    }

    /** The group's current version and its last rebuild: position, head, percent done, events/s and ETA. */
    public Map<String, Object> status(String group) {
        return RebuildStatus.of(versions.find(Filters.eq("_id", group)).first());
    }

    private void requireView(String group) {
        if (!ProjectionCollections.rebuildable(group)) {
            control.processor(group); // an unknown name: 404
            throw new ProjectionOperationRefused(group, "projection '" + group + "' cannot be rebuilt; only the MongoDB views "
                    + ProjectionCollections.BY_GROUP.keySet() + " and the indexes of " + ProjectionCollections.INDEXED.keySet() + " can");
        }
        if (!known(group)) {
            throw new UnknownProjection(group);
        }
    }

    private boolean known(String group) {
        return projections.containsKey(group) || indexRebuilds.containsKey(group);
    }

    private static int currentOf(Document state) {
        return state.get("current") instanceof Number number ? number.intValue() : 0;
    }

    private synchronized void submit(String group, int version, int attempt) {
        if (stopping || !submitted.add(group + "/" + version + "/" + attempt)) {
            return;
        }
        workers.execute(() -> {
            try {
                lease.run(RebuildJob.job(group), RebuildJob.slot(version, attempt),
                        new RebuildJob(this, group, version, attempt, () -> stopping));
            } catch (RuntimeException e) {
                LOG.error("Rebuild of {} version {} could not run", group, version, e);
            }
        });
    }

    /** Runs or watches the rebuilds recorded as running, cleans up cancelled ones, drops retired versions past their grace. */
    void check() {
        for (Document state : versions.find()) {
            String group = state.getString("_id");
            Document rebuild = state.get("rebuild", Document.class);
            if (rebuild != null && rebuild.get("version") instanceof Number version && known(group)
                    && (ACTIVE.contains(rebuild.getString("state"))
                    || RebuildJob.CANCELLED.equals(rebuild.getString("state")) && !rebuild.getBoolean("cleaned", false))) {
                submit(group, version.intValue(), rebuild.getInteger("attempt", 0));
            }
            dropRetired(group, state);
        }
    }

    private void dropRetired(String group, Document state) {
        Date due = Date.from(clock.instant().minus(properties.gracePeriod()));
        for (Document retired : state.getList("retired", Document.class, List.of())) {
            Date at = retired.getDate("retiredAt");
            int version = retired.getInteger("version", -1);
            if (at != null && !at.after(due) && version != currentOf(state)) {
                ViewVersions.drop(database, group, version);
                IndexRebuild index = indexRebuilds.get(group);
                if (index != null) {
                    index.drop(retired.getList("indices", String.class, List.of()));
                }
                versions.updateOne(Filters.eq("_id", group), Updates.pull("retired", new Document("version", version)));
                LOG.warn("Projection {}: version {} dropped after its grace period", group, version);
            }
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Could not check the projection rebuilds (retried): {}", e.toString());
        }
    }

    /**
     * Starts checking, also again after a {@link #stop} (a stopped context may be started again): new workers, and
     * the rebuilds stopped here are submitted again from their stored positions by the first check.
     */
    @Override
    public synchronized void start() {
        if (!running) {
            running = true;
            stopping = false;
            if (workers.isShutdown()) {
                workers = newWorkers();
                submitted.clear();
            }
            checker.start(this::checkQuietly, java.time.Duration.ZERO, properties.checkEvery());
        }
    }

    /** Stops checking; a rebuild running here stops after its chunk and resumes later from its stored position. */
    @Override
    public void stop() {
        ExecutorService stopped;
        synchronized (this) {
            running = false;
            stopping = true;
            checker.stop();
            stopped = workers;
            stopped.shutdown();
        }
        try {
            stopped.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public MongoCollection<Document> versions() {
        return versions;
    }

    @Override
    public ViewVersions viewVersions() {
        return viewVersions;
    }

    @Override
    public EventLog log() {
        return log;
    }

    @Override
    public List<Object> projections(String group) {
        return projections.get(group);
    }

    @Override
    public IndexRebuild indexRebuild(String group) {
        return indexRebuilds.get(group);
    }

    @Override
    public ProjectionControl control() {
        return control;
    }

    @Override
    public RebuildProperties properties() {
        return properties;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String instance() {
        return instance;
    }
}
