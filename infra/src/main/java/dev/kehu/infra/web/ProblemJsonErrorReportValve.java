package dev.kehu.infra.web;

import dev.kehu.command.web.Problems;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report as problem+json. Some requests never reach Spring: a request target Tomcat
 * cannot decode ({@code %ED%A0%80}, {@code %ZZ}, raw bytes, {@code [}), for one. Tomcat answers those
 * itself through the host's {@link ErrorReportValve}, which writes an HTML page; this valve replaces it
 * (Spring Boot's own instance included) and writes the same problem shape as the rest of the API.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500 ? "the server failed" : switch (status) {
            case 400 -> "the request cannot be read: malformed request target, header or encoding";
            case 404 -> "no endpoint at this path";
            default -> title;
        };
        var problem = Problems.of(code, title, detail, Problems.codeOf(code));
        try {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("type", problem.getType().toString());
            body.put("title", title);
            body.put("status", status);
            body.put("detail", problem.getDetail());
            body.putAll(problem.getProperties());
            String json = JSON.writeValueAsString(body);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more to say
        }
    }

    /** Puts the valve on Tomcat's host in place of every other error report valve. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                }
                for (Valve valve : context.getParent().getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemJsonErrorReportValve)) {
                        context.getParent().getPipeline().removeValve(valve);
                    }
                }
                context.getParent().getPipeline().addValve(new ProblemJsonErrorReportValve());
            });
        }

        /** After Spring Boot's customizer, which adds its own error report valve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
