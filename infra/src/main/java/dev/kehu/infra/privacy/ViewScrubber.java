package dev.kehu.infra.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Purges a person from every MongoDB view: each document of the customer (its {@code _id} or its {@code customerId})
 * in every collection but the log and the stores that hold no view ({@link #NOT_VIEWS}) gets the person's texts
 * replaced ({@link Scrub}); a document that held none is left alone. Reaching the documents by {@code customerId}
 * reads each view collection once (no index on the embedded server): an erasure costs a scan of the views, not of
 * the log.
 */
class ViewScrubber {

    /** Collections that are no views of the person: the log, keys, users, tokens, bookkeeping of the processors. */
    static final Set<String> NOT_VIEWS = Set.of("events", "snapshots", "tokens", "counters", SubjectKeys.COLLECTION,
            "users", "api_tokens", "sign_in_failures", "auditIndex", "auditPositions", "scheduled_job_leases",
            "projection_positions", "projection_controls", "projection_instances", "projection_versions",
            "customer_claims", "command_customer_directory");

    private final MongoDatabase database;

    ViewScrubber(MongoDatabase database) {
        this.database = database;
    }

    /** Scrubs the documents of these customers; the number of documents changed. */
    int scrub(Collection<String> customerIds, Set<String> texts) {
        if (texts.isEmpty()) {
            return 0;
        }
        List<Bson> filters = new ArrayList<>();
        for (String customerId : customerIds) {
            filters.add(Filters.eq("_id", customerId));
            filters.add(Filters.eq("customerId", customerId));
        }
        int changed = 0;
        for (String name : database.listCollectionNames()) {
            if (NOT_VIEWS.contains(name) || name.startsWith("system.")) {
                continue;
            }
            MongoCollection<Document> collection = database.getCollection(name);
            for (Document document : collection.find(Filters.or(filters))) {
                Document before = Document.parse(document.toJson());
                Scrub.value(document, texts);
                if (!Objects.equals(before.toJson(), document.toJson())) {
                    collection.replaceOne(Filters.eq("_id", document.get("_id")), document);
                    changed++;
                }
            }
        }
        return changed;
    }
}
