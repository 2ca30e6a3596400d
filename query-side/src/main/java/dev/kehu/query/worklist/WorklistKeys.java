package dev.kehu.query.worklist;

import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.SortKeys;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The worklist's keys ({@value #COLLECTION}), so each section of a manager's worklist is one {@code _id} range read
 * whatever the number of follow-ups, customers and deals. "Today" is not in them: every key holds a date, and a
 * section is the range of dates it needs as of the day it is read (arithmetic at query time), so the keys stay right as
 * days pass without events. Per manager ({@code <m>} = {@link SortKeys#part} of the manager id):
 * <ul>
 *   <li>{@code due|<m>|<dueOn><followUpId>}: an open follow-up with a due date, of a customer not merged with that
 *       account manager; due today, overdue and upcoming are the ranges of today, before today and after it;</li>
 *   <li>{@code quiet|<m>|<lastInteractionOn><customerId>}: a customer not merged, not churned or dropped, with that
 *       manager (no interaction yet: the empty value, first), holding {@code reference}, the last interaction or else
 *       the registration day; not contacted for N days is the range before today − N, filtered on
 *       {@code reference};</li>
 *   <li>{@code late|<o>|<expectedCloseDate><opportunityId>}: an open deal with an expected close date, by owner;
 *       overdue deals are the range before today.</li>
 * </ul>
 * Each holds {@code id}; the page's rows are then read by {@code _id}. Written by {@link WorklistProjection} from a
 * document's state before and after each event; a key that moves is deleted ({@link ViewWriter#moveKeys}).
 */
final class WorklistKeys {

    static final String COLLECTION = "worklist_keys";
    static final String DUE = "due";
    static final String QUIET = "quiet";
    static final String LATE = "late";
    private static final Set<String> GONE = Set.of("CHURNED", "DROPPED");

    private WorklistKeys() {
    }

    /** The prefix of one kind of key of one manager (or owner). */
    static String prefix(String kind, String manager) {
        return kind + "|" + SortKeys.part(manager, false);
    }

    /** The first key of {@code day} (as a bound: keys of that day sort from here). */
    static String from(String prefix, LocalDate day) {
        String part = SortKeys.part(day.toString(), false);
        return prefix + "|" + part.substring(0, part.length() - 1);
    }

    /** The bound after every key of {@code day}: a day's keys go on with {@code .} and the id. */
    static String after(String prefix, LocalDate day) {
        return from(prefix, day) + "/";
    }

    /** The follow-up's key (none when it is closed, undated, or its customer is merged or without a manager). */
    static Map<String, Document> followUp(Document followUp, Document customer) {
        Map<String, Document> keys = new LinkedHashMap<>();
        if (followUp == null || customer == null || !followUp.getBoolean("open", false) || followUp.getString("dueOn") == null
                || customer.getBoolean("merged", false) || customer.getString("accountManager") == null) {
            return keys;
        }
        String id = String.valueOf(followUp.get("_id"));
        keys.put(SortKeys.key(prefix(DUE, customer.getString("accountManager")), followUp.getString("dueOn"), false, id),
                new Document("id", id));
        return keys;
    }

    /** The customer's key of "not contacted" (none when merged, gone, or without a manager). */
    static Map<String, Document> customer(Document customer) {
        Map<String, Document> keys = new LinkedHashMap<>();
        if (customer == null || customer.getBoolean("merged", false) || customer.getString("accountManager") == null
                || GONE.contains(customer.getString("lifecycle"))) {
            return keys;
        }
        String id = String.valueOf(customer.get("_id"));
        String last = customer.getString("lastInteractionOn");
        keys.put(SortKeys.key(prefix(QUIET, customer.getString("accountManager")), last, false, id),
                new Document("id", id).append("reference", last != null ? last : customer.getString("registeredOn")));
        return keys;
    }

    /** The deal's key of "overdue opportunities" (none when closed, undated or without an owner). */
    static Map<String, Document> opportunity(Document opportunity) {
        Map<String, Document> keys = new LinkedHashMap<>();
        if (opportunity == null || !opportunity.getBoolean("open", false) || opportunity.getString("expectedCloseDate") == null
                || opportunity.getString("ownerId") == null) {
            return keys;
        }
        String id = String.valueOf(opportunity.get("_id"));
        keys.put(SortKeys.key(prefix(LATE, opportunity.getString("ownerId")), opportunity.getString("expectedCloseDate"), false, id),
                new Document("id", id));
        return keys;
    }

    static void move(ViewWriter views, TrackingToken token, Map<String, Document> before, Map<String, Document> after) {
        views.moveKeys(COLLECTION, token, before, after);
    }
}
