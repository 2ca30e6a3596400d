package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import java.util.Map;

/** An opportunity's or bid's amount must be greater than zero. */
public class AmountNotPositive extends OpportunityRuleRefusal {

    public AmountNotPositive(Money amount) {
        super("amount " + amount.amount().toPlainString() + " " + amount.currency()
                + " is not greater than zero",
                Map.of("field", "amount", "amount", amount.amount(), "currency", amount.currency()));
    }
}
