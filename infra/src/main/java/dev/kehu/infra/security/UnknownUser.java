package dev.kehu.infra.security;

/** An ADMIN named a user that does not exist: 404 (only ADMINs reach the user endpoints, so this reveals nothing). */
public class UnknownUser extends RuntimeException {

    public UnknownUser(String username) {
        super("no user named " + username, null, false, false);
    }
}
