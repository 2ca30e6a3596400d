package dev.kehu.command.customer;

import java.util.Map;

/** No complaint with this id on the customer. */
public class ComplaintNotFound extends CustomerPartNotFound {

    public ComplaintNotFound(String complaintId) {
        super("no complaint " + complaintId + " on this customer", Map.of("field", "complaintId", "complaintId", complaintId));
    }
}
