package dev.kehu.query.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The customer attributes the opportunity reporting projection needs (region, tier, industry,
 * account manager) and which opportunities each customer has, in the MongoDB collection
 * {@value #COLLECTION}.
 *
 * <p>Why here and not in Elasticsearch or in memory: it must survive restarts (the processor resumes
 * from its token, not from the start), be read by id for every opening and every customer change,
 * and tell which opportunity documents to rewrite when a customer's attributes change
 * (Elasticsearch has no scripts here, so update-by-query cannot set fields; each document is
 * rewritten). It is filled by the same processing group ({@code opportunity-reporting}, one segment)
 * from Customer events, so an opportunity always sees its customer as of the same point in the event
 * stream. Each entry records the global position of the last customer event applied; older ones
 * (replays) are ignored. A rebuild of the reporting index builds a new version of this collection with it
 * ({@code ProjectionCollections.INDEXED}).
 */
public class ReportingCustomerLookup {

    public static final String COLLECTION = "opportunity_reporting_customers";

    private final MongoDatabase database;

    /**
     * @param database opened again for every call, so the application's version routing leads to the collection's
     *                 current version (a rebuild of the reporting index builds a new version beside it and switches
     *                 both together)
     */
    public ReportingCustomerLookup(MongoDatabase database) {
        this.database = database;
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }

    public CustomerAttributes attributes(String customerId) {
        Document entry = collection().find(Filters.eq("_id", customerId)).first();
        return entry == null ? CustomerAttributes.UNKNOWN : attributesOf(entry);
    }

    /**
     * Applies a change to a customer's attributes if the event at {@code position} is newer than
     * the last one applied; returns the new attributes, or empty for a replayed event.
     */
    public Optional<CustomerAttributes> update(String customerId, long position, UnaryOperator<CustomerAttributes> change) {
        Document entry = collection().find(Filters.eq("_id", customerId)).first();
        if (entry != null && entry.get("lastPosition", Number.class).longValue() >= position) {
            return Optional.empty();
        }
        CustomerAttributes updated = change.apply(entry == null ? CustomerAttributes.UNKNOWN : attributesOf(entry));
        Document replacement = new Document("_id", customerId)
                .append("region", updated.region())
                .append("tier", updated.tier())
                .append("industry", updated.industry())
                .append("manager", updated.manager())
                .append("lastPosition", position)
                .append("opportunityIds", entry == null ? List.of() : entry.getList("opportunityIds", String.class, List.of()));
        collection().replaceOne(Filters.eq("_id", customerId), replacement, new ReplaceOptions().upsert(true));
        return Optional.of(updated);
    }

    /** Records that the customer has this opportunity (idempotent). */
    public void addOpportunity(String customerId, String opportunityId) {
        collection().updateOne(Filters.eq("_id", customerId), Updates.combine(
                        Updates.addToSet("opportunityIds", opportunityId),
                        Updates.setOnInsert("lastPosition", -1L)),
                new UpdateOptions().upsert(true));
    }

    public List<String> opportunityIds(String customerId) {
        Document entry = collection().find(Filters.eq("_id", customerId)).first();
        return entry == null ? List.of() : new ArrayList<>(entry.getList("opportunityIds", String.class, List.of()));
    }

    private static CustomerAttributes attributesOf(Document entry) {
        return new CustomerAttributes(entry.getString("region"), entry.getString("tier"),
                entry.getString("industry"), entry.getString("manager"));
    }
}
