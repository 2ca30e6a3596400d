package dev.kehu.infra.mongodb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MongoDB connection.
 *
 * @param uri      {@code kehu.mongodb.uri}: a MongoDB connection string; empty (the default) starts the
 *                 embedded MongoDB-wire server on 127.0.0.1 with its data in {@code <kehu.data-dir>/mongodb/}
 * @param database {@code kehu.mongodb.database} (default {@code kehu}): the application's database, also
 *                 with a URI (a database named in the URI's path is only used for authentication)
 * @param embedded {@code kehu.mongodb.embedded.port} (default 0: a free port)
 */
@ConfigurationProperties("kehu.mongodb")
public record MongoProperties(@DefaultValue("") String uri, @DefaultValue("kehu") String database,
                              @DefaultValue Embedded embedded) {

    /**
     * {@code kehu.mongodb.embedded.*}.
     *
     * @param port port of the embedded MongoDB-wire server on 127.0.0.1; 0 picks a free one
     */
    public record Embedded(@DefaultValue("0") int port) {
    }

    public boolean startsEmbeddedServer() {
        return uri == null || uri.isBlank();
    }
}
