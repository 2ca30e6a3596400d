package dev.kehu.command;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Requests that reach no controller (a wrong method, media type or path) are the application's to answer:
 * infra's {@code dev.kehu.infra.web.UnroutedRequestProblems} does it in the running application, and is tested
 * there. The command side alone, in {@link CommandTestApplication}, stands Spring's own problem details in for it
 * (lowest precedence: {@code ProblemDetailsAdvice} still answers everything a command controller raises), so the
 * command side's tests see problem+json for those requests too.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnroutedRequestsForTests extends ResponseEntityExceptionHandler {
}
