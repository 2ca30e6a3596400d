package dev.kehu.infra.mongodb;

/**
 * A MongoDB-wire server the application runs itself (the embedded default). The client configuration knows
 * it only through this, so this package does not depend on how the server is run
 * ({@code dev.kehu.infra.embedded} depends on this package, not the other way round).
 */
public interface LocalMongoServer {

    /** E.g. {@code mongodb://127.0.0.1:41234}. */
    String connectionString();
}
