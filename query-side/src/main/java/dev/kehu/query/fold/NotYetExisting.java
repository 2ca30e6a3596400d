package dev.kehu.query.fold;

import dev.kehu.query.web.ViewNotFound;

/** The aggregate exists, but not yet at the requested moment: answered with 404 and a detail saying so. */
public class NotYetExisting extends ViewNotFound {

    private final String detail;

    public NotYetExisting(String view, String id, AsOf.Bound bound, FoldEvent first) {
        super(view, id);
        this.detail = view + " '" + id + "' did not exist yet at " + bound.describe() + ": its first event is at position "
                + first.position() + ", " + first.timestamp();
    }

    @Override
    public String getMessage() {
        return detail;
    }
}
