package dev.kehu.query.projection.operations;

/**
 * An operation the projection's current state does not allow (a replay while another instance still
 * holds a segment, a dead letter that is gone, a group without a dead-letter queue): 409.
 */
public class ProjectionOperationRefused extends RuntimeException {

    private final String projection;

    public ProjectionOperationRefused(String projection, String reason) {
        super(reason);
        this.projection = projection;
    }

    public String projection() {
        return projection;
    }
}
