package dev.kehu.query.service;

import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Service: complaints ({@code service_complaints}) and satisfaction scores
 * ({@code service_scores}: from complaint resolutions and return visits), each stamped with the
 * customer's region and account manager at the time, taken from {@code service_customers}.
 */
@Component
@ProcessingGroup(ProjectionGroups.SERVICE)
public class ServiceProjection {

    public static final String CUSTOMERS = "service_customers";
    public static final String COMPLAINTS = "service_complaints";
    public static final String SCORES = "service_scores";

    private final ViewWriter views;

    public ServiceProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(CUSTOMERS, COMPLAINTS, SCORES);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        views.upsert(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()).append("accountManager", null));
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()));
    }

    /**
     * An individual erased (docs/privacy.md): the name reads {@code [erased]} here and in the customer's complaints,
     * as a rebuild would read it.
     */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
            for (Object complaint : idsOf(views, COMPLAINTS, "customerId", event.customerId())) {
                views.update(COMPLAINTS, complaint, token, doc -> doc.put("customerName", PersonalDataErased.ERASED));
            }
        }
    }

    /** The ids of a collection's stored documents whose {@code field} is {@code value} (for a rare event: a scan). */
    static java.util.List<Object> idsOf(ViewWriter views, String collection, String field, Object value) {
        java.util.List<Object> ids = new java.util.ArrayList<>();
        views.database().getCollection(collection).find(new Document(field, value))
                .projection(new Document("_id", 1)).forEach(doc -> ids.add(doc.get("_id")));
        return ids;
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(ComplaintLogged event, TrackingToken token, @Timestamp Instant at) {
        Document customer = views.find(CUSTOMERS, event.customerId()).orElse(new Document());
        views.upsert(COMPLAINTS, event.complaintId(), token, doc -> doc
                .append("customerId", event.customerId())
                .append("customerName", customer.getString("name"))
                .append("region", customer.getString("region"))
                .append("accountManager", customer.getString("accountManager"))
                .append("subject", event.subject())
                .append("status", "OPEN")
                .append("loggedAt", Docs.instant(at))
                .append("resolvedAt", null)
                .append("satisfactionScore", null));
    }

    @EventHandler
    public void on(ComplaintResolved event, TrackingToken token, @Timestamp Instant at) {
        views.update(COMPLAINTS, event.complaintId(), token, doc -> doc
                .append("status", "RESOLVED")
                .append("resolution", event.resolution())
                .append("resolvedAt", Docs.instant(at))
                .append("satisfactionScore", event.satisfactionScore()));
        score("resolution-" + event.complaintId(), event.customerId(), event.satisfactionScore(), at, "COMPLAINT_RESOLUTION", token);
    }

    @EventHandler
    public void on(ReturnVisitRecorded event, TrackingToken token, @Timestamp Instant at) {
        if (event.satisfactionScore() != null) {
            score("return-visit-" + event.returnVisitId(), event.customerId(), event.satisfactionScore(), at, "RETURN_VISIT", token);
        }
    }

    private void score(String id, String customerId, int score, Instant at, String source, TrackingToken token) {
        Document customer = views.find(CUSTOMERS, customerId).orElse(new Document());
        views.upsert(SCORES, id, token, doc -> doc
                .append("customerId", customerId)
                .append("region", customer.getString("region"))
                .append("accountManager", customer.getString("accountManager"))
                .append("score", score)
                .append("source", source)
                .append("at", Docs.instant(at)));
    }
}
