package dev.kehu.query.web;

/** No view document for the requested id; answered with 404 and a problem+json. */
public class ViewNotFound extends RuntimeException {

    private final String view;
    private final String id;

    public ViewNotFound(String view, String id) {
        super(view + " '" + id + "' not found");
        this.view = view;
        this.id = id;
    }

    public String view() {
        return view;
    }

    public String id() {
        return id;
    }
}
