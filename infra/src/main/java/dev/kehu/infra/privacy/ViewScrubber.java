package dev.kehu.infra.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.query.customerlist.CustomerListKeys;
import dev.kehu.query.customerlist.CustomerListProjection;
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
 * the log. The customer list's sort keys carry the name in their {@code _id} (hex of its bytes), where no text
 * replacement reaches: they are written again from the scrubbed list document ({@link #rekeyCustomerList}).
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
        for (String customerId : customerIds) {
            changed += rekeyCustomerList(customerId);
        }
        return changed;
    }

    /**
     * Replaces the customer's {@value CustomerListKeys#COLLECTION} documents (found by their {@code id}) by the ones
     * its scrubbed list document gives, so no key spells the erased name; the number of key documents written.
     */
    private int rekeyCustomerList(String customerId) {
        MongoCollection<Document> keys = database.getCollection(CustomerListKeys.COLLECTION);
        Document customer = database.getCollection(CustomerListProjection.COLLECTION)
                .find(Filters.eq("_id", customerId)).first();
        if (customer == null) {
            return 0;
        }
        keys.deleteMany(Filters.eq("id", customerId));
        int written = 0;
        for (var key : CustomerListKeys.documents(customer).entrySet()) {
            Document document = new Document("_id", key.getKey());
            document.putAll(key.getValue());
            keys.replaceOne(Filters.eq("_id", key.getKey()), document, new ReplaceOptions().upsert(true));
            written++;
        }
        return written;
    }
}
