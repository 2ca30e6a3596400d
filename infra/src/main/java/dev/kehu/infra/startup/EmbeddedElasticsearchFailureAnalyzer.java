package dev.kehu.infra.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The embedded Elasticsearch node did not start (no distribution, the node exited, or it never became healthy):
 * repeats the node's own reason in one message and says where its log is and what to change. The launcher's
 * exceptions are plain {@link IllegalStateException}s, recognised by the sentence they start with.
 */
class EmbeddedElasticsearchFailureAnalyzer implements FailureAnalyzer {

    private static final String[] STARTS = {"Elasticsearch did not start", "Elasticsearch exited with code",
            "Elasticsearch did not become healthy", "No Elasticsearch distribution found", "Could not start Elasticsearch",
            "kehu.elasticsearch.embedded.distribution="};

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && startsWithOneOf(message)) {
                return new FailureAnalysis("The embedded Elasticsearch node failed to start: " + firstLines(message),
                        "Read the node's log under <kehu.data-dir>/elasticsearch/ for its reason. Then either fix it "
                                + "(kehu.elasticsearch.embedded.heap, .start-timeout, .distribution, free disk space), "
                                + "or use a cluster of your own: set kehu.elasticsearch.url=http://host:9200.",
                        cause);
            }
        }
        return null;
    }

    private static boolean startsWithOneOf(String message) {
        for (String start : STARTS) {
            if (message.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    /** The launcher appends the node's last output lines; a few are enough here. */
    private static String firstLines(String message) {
        String[] lines = message.split("\\R");
        return String.join(System.lineSeparator(), java.util.Arrays.copyOf(lines, Math.min(lines.length, 8)));
    }
}
