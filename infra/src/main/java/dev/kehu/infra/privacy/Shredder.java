package dev.kehu.infra.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.command.customer.PersonalDataShredding;
import dev.kehu.command.customer.directory.CustomerDirectory;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.events.customer.PersonalDataErased.SubjectType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a person after the Customer recorded {@code PersonalDataErased} (docs/privacy.md), in this order: read what
 * the log holds of them (while the key still opens it), delete their key (from now on every event reads
 * {@code [erased]} there, for every reader), purge their texts from the views and the search index, release the
 * claims on their mobile and e-mail, and drop the customer's aggregate snapshot and cached aggregate (both held the
 * plaintext). Every step is idempotent. If the process dies after the key is gone and before the purge, the texts
 * to look for are gone too: a rebuild of the views (docs/read-side.md) then removes them.
 */
class Shredder implements PersonalDataShredding {

    private static final Logger log = LoggerFactory.getLogger(Shredder.class);

    private final SubjectRecords records;
    private final SubjectKeys keys;
    private final ViewScrubber views;
    private final SearchScrubber search;
    private final MongoDatabase database;
    private final Cache customerCache;
    private final Clock clock;
    private final String snapshots;

    Shredder(SubjectRecords records, SubjectKeys keys, ViewScrubber views, SearchScrubber search,
             MongoDatabase database, Cache customerCache, Clock clock, String snapshots) {
        this.snapshots = snapshots;
        this.records = records;
        this.keys = keys;
        this.views = views;
        this.search = search;
        this.database = database;
        this.customerCache = customerCache;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> shred(String customerId, SubjectType subjectType, String subjectId) {
        SubjectRecords.Found found = records.find(customerId, subjectId);
        Set<String> texts = found.texts();
        keys.erase(subjectId, clock.instant());
        List<String> customers = new ArrayList<>(List.of(customerId));
        customers.addAll(found.duplicateIds());
        views.scrub(customers, texts);
        boolean searchPurged = true;
        for (String customer : customers) {
            try {
                search.scrub(customer, subjectType, subjectId, texts);
            } catch (IOException | RuntimeException e) {
                searchPurged = false; // the same request again purges it; the person's key is gone already
                log.warn("Erasure of a person of customer {}: the search index could not be purged ({}); send the"
                        + " erasure request again", customer, e.toString());
            }
        }
        if (subjectType == SubjectType.CUSTOMER) {
            releaseClaims(customerId, texts);
        }
        customers.forEach(customer -> {
            database.getCollection(snapshots).deleteOne(Filters.eq("_id", customer));
            customerCache.remove(customer);
        });
        return Map.of("searchPurged", searchPurged);
    }

    /** Deletes the claims on the person's mobile and e-mail and forgets them in the command side's directory. */
    private void releaseClaims(String customerId, Set<String> texts) {
        Set<String> released = new LinkedHashSet<>();
        for (String text : texts) {
            for (String key : List.of("mobile:" + text, "email:" + text.strip().toLowerCase(Locale.ROOT))) {
                if (database.getCollection(CustomerUniqueness.COLLECTION)
                        .deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("customerId", customerId)))
                        .getDeletedCount() > 0) {
                    released.add(key);
                }
            }
        }
        MongoCollection<Document> directory = database.getCollection(CustomerDirectory.COLLECTION);
        Document entry = directory.find(Filters.eq("_id", customerId)).first();
        if (entry != null) {
            List<String> held = new ArrayList<>(entry.getList("claimKeys", String.class, List.of()));
            held.removeIf(key -> key.startsWith("mobile:") || key.startsWith("email:") || released.contains(key));
            directory.updateOne(Filters.eq("_id", customerId), Updates.set("claimKeys", held));
        }
    }
}
