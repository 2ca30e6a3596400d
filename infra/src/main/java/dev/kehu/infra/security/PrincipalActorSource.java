package dev.kehu.infra.security;

import dev.kehu.command.actor.Actor;
import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.web.CommandContextArgumentResolver;
import dev.kehu.command.web.InvalidRequestField;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The command side's actor is the authenticated principal. Only an INTEGRATION caller may name a person
 * it acts for ({@value #ON_BEHALF_OF}); anyone else naming one is refused (400). A caller without MANAGER
 * changes only what it owns ({@link Actor#ownOnly()}), except an INTEGRATION caller recording ERP facts.
 */
final class PrincipalActorSource implements ActorSource {

    static final String ON_BEHALF_OF = "X-On-Behalf-Of";
    /** The ERP fact endpoints, which INTEGRATION may call for any customer. */
    static final Pattern ERP_FACTS = Pattern.compile("/api/customers/[^/]+/(orders|invoices|payments|overdue-invoices|deliveries)/?");

    @Override
    public Actor actorOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof KehuAuthentication kehu)) {
            // the security filter chain lets no unauthenticated request reach a command endpoint
            throw new IllegalStateException("command request without an authenticated principal");
        }
        KehuPrincipal principal = kehu.getPrincipal();
        String onBehalfOf = CommandContextArgumentResolver.decoded(ON_BEHALF_OF, request.getHeader(ON_BEHALF_OF));
        if (onBehalfOf != null && onBehalfOf.isBlank()) {
            onBehalfOf = null;
        }
        if (onBehalfOf != null && !principal.has(Role.INTEGRATION)) {
            throw new InvalidRequestField(ON_BEHALF_OF, "only an INTEGRATION caller may act on behalf of someone");
        }
        if (onBehalfOf != null && onBehalfOf.length() > 100) {
            throw new InvalidRequestField(ON_BEHALF_OF, "must be at most 100 characters");
        }
        boolean integrationFact = principal.has(Role.INTEGRATION) && ERP_FACTS.matcher(request.getRequestURI()).matches();
        boolean ownOnly = !principal.has(Role.MANAGER) && !integrationFact;
        return new Actor(principal.id(), principal.name(), onBehalfOf == null ? null : onBehalfOf.strip(), ownOnly);
    }
}
