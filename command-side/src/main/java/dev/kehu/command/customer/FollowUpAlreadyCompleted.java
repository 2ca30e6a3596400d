package dev.kehu.command.customer;

import java.util.Map;

/** The follow-up was already completed. */
public class FollowUpAlreadyCompleted extends CustomerConflict {

    public FollowUpAlreadyCompleted(String followUpId) {
        super("follow-up " + followUpId + " is already completed", Map.of("followUpId", followUpId));
    }
}
