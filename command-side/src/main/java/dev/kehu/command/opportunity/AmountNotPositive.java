package dev.kehu.command.opportunity;

import dev.kehu.events.Money;

/** An opportunity's or bid's amount must be greater than zero. */
public class AmountNotPositive extends OpportunityRefused {

    public AmountNotPositive(Money amount) {
        super("amount " + amount.amount().toPlainString() + " " + amount.currency()
                + " is not greater than zero");
    }
}
