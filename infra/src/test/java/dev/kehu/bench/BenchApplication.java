package dev.kehu.bench;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.kehu.infra.elasticsearch.SharedElasticsearch;

/**
 * The whole application started inside a benchmark's JVM: a free port, no banner, warnings only, the test JVM's
 * shared Elasticsearch node. Settings go in as command-line arguments, which override application.properties
 * (builder properties would not). Sign in with {@code dev.kehu.infra.security.TestUsers} on the returned context.
 */
final class BenchApplication {

    private BenchApplication() {
    }

    /** Starts {@code sources} with these settings ({@code name=value}, without the leading dashes). */
    static ConfigurableApplicationContext start(Class<?>[] sources, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--kehu.elasticsearch.url=" + SharedElasticsearch.url()));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new SpringApplicationBuilder(sources).run(args.toArray(String[]::new));
    }

    /** {@code http://127.0.0.1:<port>} of a started application. */
    static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
