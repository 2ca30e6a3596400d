package dev.kehu.infra.security;

/** An ADMIN created a user whose name is taken: 409. */
public class UserAlreadyExists extends RuntimeException {

    public UserAlreadyExists(String username) {
        super("a user named " + username + " exists already", null, false, false);
    }
}
