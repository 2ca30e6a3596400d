package dev.kehu.command.customer;

import dev.kehu.events.Money;
import java.util.Map;

/** The requested credit does not fit: requested &gt; limit − exposure. Carries the figures. */
public class CreditLimitExceeded extends CustomerRuleRefusal {

    private final Money limit;
    private final Money exposure;
    private final Money requested;

    public CreditLimitExceeded(String customerId, Money limit, Money exposure, Money requested) {
        super("requested " + requested.amount().toPlainString() + " " + requested.currency()
                        + " exceeds the available credit of customer " + customerId + ": limit "
                        + limit.amount().toPlainString() + " minus exposure " + exposure.amount().toPlainString(),
                Map.of("rule", "credit-limit", "customerId", customerId,
                        "limit", limit.amount(), "exposure", exposure.amount(),
                        "requested", requested.amount(), "currency", limit.currency()));
        this.limit = limit;
        this.exposure = exposure;
        this.requested = requested;
    }

    public Money limit() {
        return limit;
    }

    public Money exposure() {
        return exposure;
    }

    public Money requested() {
        return requested;
    }
}
