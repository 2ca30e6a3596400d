package dev.kehu.infra.web;

import dev.kehu.command.web.Problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the servlet container ({@code /error}), replacing Spring Boot's
 * {@code BasicErrorController}: whatever failed outside Spring MVC's exception handling (a request
 * the container itself refuses, an exception escaping a filter) answers problem+json with the
 * status the container chose, never an HTML page or Boot's default JSON. A 5xx here is a server
 * fault and is logged with its exception.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 && value < 600 ? value : 404;
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail;
        if (status >= 500) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("server error outside the controllers at {}", uri,
                    failure instanceof Throwable throwable ? throwable : null);
            detail = "the server failed; the failure was logged";
        } else if (status == 404) {
            detail = "no endpoint at this path";
        } else {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            detail = message instanceof String text && !text.isBlank() ? text : title;
        }
        Problems.write(response, Problems.of(statusCode, title, detail, Problems.codeOf(statusCode)));
    }
}
