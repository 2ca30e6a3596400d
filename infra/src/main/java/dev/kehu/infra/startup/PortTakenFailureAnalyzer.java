package dev.kehu.infra.startup;

import java.net.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A port Kehu listens on besides the API's own (the embedded MongoDB-wire server's) is taken: says which
 * setting chooses it. The API's port ({@code server.port}) is Spring Boot's {@code PortInUseFailureAnalyzer}'s.
 */
class PortTakenFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final String WEB_SERVER_PORT_IN_USE = "org.springframework.boot.web.server.PortInUseException";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        for (Throwable failure = rootFailure; failure != null; failure = failure.getCause()) {
            if (failure.getClass().getName().equals(WEB_SERVER_PORT_IN_USE)) {
                return null; // Spring Boot's analyzer names server.port
            }
        }
        return new FailureAnalysis("A port Kehu's embedded servers listen on is already in use (" + cause.getMessage() + ").",
                "Stop the other process on that port, or choose another: kehu.mongodb.embedded.port (0 picks a free "
                        + "one) for the embedded MongoDB-wire server, server.port for the API.",
                cause);
    }
}
