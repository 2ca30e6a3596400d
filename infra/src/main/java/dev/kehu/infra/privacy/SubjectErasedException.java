package dev.kehu.infra.privacy;

/**
 * New personal data for a subject whose key was erased. The aggregate refuses commands on an erased subject before
 * any event is made, so this means a path that does not check: the event is not stored.
 */
public class SubjectErasedException extends IllegalStateException {

    SubjectErasedException(String subject) {
        super("Data subject " + subject + " was erased: no new personal data is stored for it");
    }
}
