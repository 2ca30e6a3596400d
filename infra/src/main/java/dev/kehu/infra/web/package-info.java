/**
 * What the whole application shares on the web, whichever side answers: problem+json for requests that reach
 * no controller ({@link dev.kehu.infra.web.UnroutedRequestProblems}), for errors the servlet container handles
 * ({@link dev.kehu.infra.web.ProblemErrorController}) and for requests Tomcat refuses before Spring sees them
 * ({@link dev.kehu.infra.web.ProblemJsonErrorReportValve}); and the one {@link java.time.Clock}
 * ({@link dev.kehu.infra.web.ClockConfiguration}).
 *
 * <p>The problem shape itself is {@code dev.kehu.command.web.Problems}: the command side's request filters
 * ({@code MediaTypeGuard}, {@code WellFormedBody}) write it before any controller runs and must build without
 * infra. Feature errors stay with their side: {@code ProblemDetailsAdvice} (commands), {@code QueryProblems}
 * (views), the audit API's own advice.
 */
package dev.kehu.infra.web;
