package dev.kehu.infra.security;

/** No live token with this id (of this user): 404. */
public class TokenNotFound extends RuntimeException {

    public TokenNotFound(String tokenId) {
        super("no live token " + tokenId, null, false, false);
    }
}
