package dev.kehu.command.customer.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import dev.kehu.command.customer.UniqueCustomerFields;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's own small lookup of customers (collection {@value #COLLECTION}): id, kind, the
 * uniqueness claim keys of the current profile, and the survivor when merged. Fed by a
 * <em>subscribing</em> processor ({@value #PROCESSING_GROUP}) in the unit of work that appends the
 * events, so it is current as soon as a command returns. Used by {@code uniqueness.CustomerUniqueness} (which
 * claims to swap on a profile change) and by {@code tier.DailyTierReevaluation} (which customers to
 * re-evaluate). Every update is an idempotent upsert or set.
 */
@Component
@ProcessingGroup(CustomerDirectory.PROCESSING_GROUP)
public class CustomerDirectory {

    public static final String COLLECTION = "command_customer_directory";
    public static final String PROCESSING_GROUP = "customer-directory";

    /** One customer as the directory knows it. */
    public record Entry(String customerId, CustomerKind kind, List<String> claimKeys, String survivorId) {
    }

    private final MongoCollection<Document> entries;

    public CustomerDirectory(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(CustomerRegistered event) {
        Document entry = new Document("_id", event.customerId()).append("kind", event.kind().name())
                .append("claimKeys", UniqueCustomerFields.of(event.kind(), event.profile()).claimKeys())
                .append("survivorId", null);
        entries.replaceOne(Filters.eq("_id", event.customerId()), entry, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(CustomerProfileChanged event) {
        find(event.customerId()).ifPresent(entry -> entries.updateOne(Filters.eq("_id", event.customerId()),
                Updates.set("claimKeys", UniqueCustomerFields.of(entry.kind(), event.profile()).claimKeys())));
    }

    @EventHandler
    void on(CustomerMerged event) {
        entries.updateOne(Filters.eq("_id", event.customerId()), Updates.set("survivorId", event.survivorId()));
    }

    public Optional<Entry> find(String customerId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", customerId)).first()).map(CustomerDirectory::entry);
    }

    /** Calls {@code action} with the id of every customer that was not merged. */
    public void forEachLiveCustomer(Consumer<String> action) {
        for (Document document : entries.find(Filters.eq("survivorId", null))) {
            action.accept(document.getString("_id"));
        }
    }

    private static Entry entry(Document document) {
        return new Entry(document.getString("_id"), CustomerKind.valueOf(document.getString("kind")),
                new ArrayList<>(document.getList("claimKeys", String.class, List.of())),
                document.getString("survivorId"));
    }
}
