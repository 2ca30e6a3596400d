package dev.kehu.infra.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;

/**
 * Tests act as anyone in one line: {@code TestUsers.basic(context, "张伟", Role.SALES)} creates the embedded
 * user (once; its roles are set to these on every call) and answers the {@code Authorization} header
 * value that signs in as it over HTTP Basic. The user is real (created by the commands an ADMIN's request runs, bcrypt
 * hash in MongoDB) and the request goes through the whole security filter chain.
 */
public final class TestUsers {

    private TestUsers() {
    }

    public static String password(String username) {
        return "test-password-of-" + username;
    }

    /** {@code Authorization} header value for this user, created or given exactly these roles. */
    public static String basic(ApplicationContext context, String username, Role... roles) {
        UserDirectory users = context.getBean(UserDirectory.class);
        IdentityAdministration identity = context.getBean(IdentityAdministration.class);
        Set<Role> wanted = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(roles));
        // bcrypt makes creating a user slow on purpose: the same user with the same roles is made once per context
        String key = System.identityHashCode(users) + "/" + username + "/" + wanted;
        if (!READY.contains(key)) {
            // through the UserAccount aggregate, as an ADMIN would: the log knows the user and who made it
            if (users.find(username).isEmpty()) {
                identity.createUser(SETUP, username, username, wanted, password(username));
            } else {
                identity.changeRoles(SETUP, username, wanted);
            }
            READY.removeIf(k -> k.startsWith(System.identityHashCode(users) + "/" + username + "/"));
            READY.add(key);
        }
        return basicHeader(username, password(username));
    }

    private static final KehuPrincipal SETUP = new KehuPrincipal("test:setup", "test setup", Set.of(), false);
    private static final Set<String> READY = ConcurrentHashMap.newKeySet();

    /** Every role a customer-changing end-to-end test needs: SALES work on every customer, ERP facts, audit reads. */
    public static String everything(ApplicationContext context, String username) {
        return basic(context, username, Role.MANAGER, Role.INTEGRATION, Role.AUDITOR, Role.ADMIN);
    }

    public static String basicHeader(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
