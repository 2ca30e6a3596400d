package dev.kehu.infra.audit;

/** No verification job with this id. */
public class VerificationJobNotFound extends RuntimeException {

    private final String id;

    public VerificationJobNotFound(String id) {
        super("no verification job with id '" + id + "'");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
