package dev.kehu.query.search;

/** Elasticsearch cannot answer now (down, unreachable, overloaded); the search endpoint answers 503. */
public class SearchUnavailable extends RuntimeException {

    public SearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
