package dev.kehu.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard ({@code application/*}, {@code *}/{@code *})
 * or unparseable, with 415 problem+json naming the header, before anything reads the body: a body has
 * one concrete type, and Spring would otherwise fail deep in message conversion on a wildcard. Refuses
 * an unparseable {@code Accept} with 400 naming it (Spring could then write no answer at all, not even
 * its problem). Applies to every path, command and query alike.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class MediaTypeGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header != null) {
            String reason = null;
            try {
                MediaType type = MediaType.parseMediaType(header);
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    reason = "must be a concrete media type such as application/json, not a wildcard";
                }
            } catch (InvalidMediaTypeException e) {
                reason = "is not a valid media type; send application/json";
            }
            if (reason != null) {
                var problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                        HttpHeaders.CONTENT_TYPE + ": " + reason, "unsupported-media-type");
                problem.setProperty("field", HttpHeaders.CONTENT_TYPE);
                Problems.write(response, problem);
                return;
            }
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                var problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request",
                        HttpHeaders.ACCEPT + ": is not a valid list of media types; send application/json", "invalid-field");
                problem.setProperty("field", HttpHeaders.ACCEPT);
                Problems.write(response, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
