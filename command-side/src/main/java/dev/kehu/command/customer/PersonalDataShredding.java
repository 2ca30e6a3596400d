package dev.kehu.command.customer;

import dev.kehu.events.customer.PersonalDataErased.SubjectType;

/**
 * What erasing a person takes beyond the Customer's {@code PersonalDataErased} event, done by the infrastructure
 * ({@code dev.kehu.infra.privacy.Shredder}): delete the subject's key, purge the views and the search index, release
 * the uniqueness claims. Idempotent: it runs again on every repeated request.
 */
public interface PersonalDataShredding {

    /** Erases what the store holds of the subject; returns a summary for the response body. */
    java.util.Map<String, Object> shred(String customerId, SubjectType subjectType, String subjectId);
}
