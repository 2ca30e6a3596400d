package dev.kehu.command.customer;

import java.util.Map;

/** No follow-up with this id on the customer. */
public class FollowUpNotFound extends CustomerPartNotFound {

    public FollowUpNotFound(String followUpId) {
        super("no follow-up " + followUpId + " on this customer", Map.of("field", "followUpId", "followUpId", followUpId));
    }
}
