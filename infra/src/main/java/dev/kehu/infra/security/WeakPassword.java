package dev.kehu.infra.security;

/** A new password shorter than the minimum (or absurdly long): 400 naming the field {@code password}. */
public class WeakPassword extends RuntimeException {

    public WeakPassword(int minimum) {
        super("password: must be " + minimum + " to 200 characters", null, false, false);
    }
}
