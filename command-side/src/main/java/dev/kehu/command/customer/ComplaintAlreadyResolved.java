package dev.kehu.command.customer;

import java.util.Map;

/** The complaint was already resolved. */
public class ComplaintAlreadyResolved extends CustomerConflict {

    public ComplaintAlreadyResolved(String complaintId) {
        super("complaint " + complaintId + " is already resolved", Map.of("complaintId", complaintId));
    }
}
