package dev.kehu.bench.drills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.customerlist.CustomerListProjection;
import dev.kehu.query.pipeline.PipelineProjection;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.risk.RiskProjection;
import dev.kehu.query.service.ServiceProjection;
import dev.kehu.query.value.ValueProjection;
import dev.kehu.query.worklist.WorklistProjection;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The MongoDB views of the read side (the collections of the processing groups in {@link ProjectionGroups#ALL}, as
 * docs/read-side.md lists them): read them all, reset them so that the application rebuilds them from the log, and
 * compare two readings document by document.
 */
public final class Views {

    /** Every view collection of the groups in {@link ProjectionGroups#ALL}. */
    public static final List<String> COLLECTIONS = List.of(
            Customer360Projection.COLLECTION, Customer360Projection.OPPORTUNITIES,
            CustomerListProjection.COLLECTION,
            WorklistProjection.FOLLOW_UPS, WorklistProjection.CUSTOMERS, WorklistProjection.OPPORTUNITIES,
            PipelineProjection.OPPORTUNITIES, PipelineProjection.CUSTOMERS,
            ValueProjection.COLLECTION,
            RiskProjection.COLLECTION, RiskProjection.OPPORTUNITIES,
            ServiceProjection.CUSTOMERS, ServiceProjection.COMPLAINTS, ServiceProjection.SCORES);
    /**
     * Fields left out of the comparison. None: {@code appliedPosition} is the global position of the last event
     * applied, which a rebuild from the same log reproduces exactly, so it is compared too.
     */
    public static final Set<String> IGNORED_FIELDS = Set.of();
    private static final int EXAMPLES = 5;

    private Views() {
    }

    /** Every document of every view collection, by collection and {@code _id}. */
    public static Map<String, Map<BsonValue, BsonDocument>> read(MongoDatabase database) {
        Map<String, Map<BsonValue, BsonDocument>> views = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            Map<BsonValue, BsonDocument> documents = new LinkedHashMap<>();
            database.getCollection(collection, BsonDocument.class).find()
                    .forEach(document -> documents.put(document.get("_id"), document));
            views.put(collection, documents);
        }
        return views;
    }

    /**
     * What an operator does to rebuild the views: drops the view collections and the groups' positions, and
     * deletes the groups' tokens, so that the next start replays the whole log into them. Returns how many token
     * documents it deleted.
     */
    public static long reset(MongoDatabase database) {
        // only existing ones: the embedded server logs a stack trace for dropping a missing collection
        Set<String> existing = database.listCollectionNames().into(new java.util.HashSet<>());
        COLLECTIONS.stream().filter(existing::contains).forEach(collection -> database.getCollection(collection).drop());
        if (existing.contains(ProjectionPositions.COLLECTION)) {
            database.getCollection(ProjectionPositions.COLLECTION).drop();
        }
        return database.getCollection("tokens").deleteMany(Filters.in("processorName", ProjectionGroups.ALL))
                .getDeletedCount();
    }

    /** How two readings differ. */
    public record Comparison(long documents, long onlyBefore, long onlyAfter, long different, List<String> examples) {

        public boolean equal() {
            return onlyBefore == 0 && onlyAfter == 0 && different == 0;
        }
    }

    public static Comparison compare(Map<String, Map<BsonValue, BsonDocument>> before,
                                     Map<String, Map<BsonValue, BsonDocument>> after) {
        long documents = 0;
        long onlyBefore = 0;
        long onlyAfter = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        for (String collection : COLLECTIONS) {
            Map<BsonValue, BsonDocument> was = before.getOrDefault(collection, Map.of());
            Map<BsonValue, BsonDocument> is = after.getOrDefault(collection, Map.of());
            documents += was.size();
            for (Map.Entry<BsonValue, BsonDocument> entry : was.entrySet()) {
                BsonDocument rebuilt = is.get(entry.getKey());
                if (rebuilt == null) {
                    onlyBefore++;
                    example(examples, collection + " " + entry.getKey() + ": missing after the rebuild");
                } else if (!comparable(entry.getValue()).equals(comparable(rebuilt))) {
                    different++;
                    example(examples, collection + " " + entry.getKey() + ": fields differ "
                            + differingFields(entry.getValue(), rebuilt));
                }
            }
            for (BsonValue id : is.keySet()) {
                if (!was.containsKey(id)) {
                    onlyAfter++;
                    example(examples, collection + " " + id + ": only after the rebuild");
                }
            }
        }
        return new Comparison(documents, onlyBefore, onlyAfter, different, examples);
    }

    private static BsonDocument comparable(BsonDocument document) {
        BsonDocument copy = document.clone();
        IGNORED_FIELDS.forEach(copy::remove);
        return copy;
    }

    private static Set<String> differingFields(BsonDocument a, BsonDocument b) {
        Set<String> fields = new TreeSet<>();
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            if (!IGNORED_FIELDS.contains(name) && !java.util.Objects.equals(a.get(name), b.get(name))) {
                fields.add(name + "=" + abbreviate(a.get(name)) + " vs " + abbreviate(b.get(name)));
            }
        }
        return fields;
    }

    private static String abbreviate(BsonValue value) {
        String text = String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }
}
