package dev.kehu.query.projection.operations;

/** No streaming processing group of that name runs in this application: 404. */
public class UnknownProjection extends RuntimeException {

    private final String name;

    public UnknownProjection(String name) {
        super("no projection (processing group) named '" + name + "'");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
