package dev.kehu.command.customer;

import java.math.BigDecimal;
import java.util.Map;

/** A payment larger than what is still outstanding on its invoice. */
public class PaymentExceedsOutstanding extends CustomerRuleRefusal {

    public PaymentExceedsOutstanding(String invoiceNumber, BigDecimal outstanding, BigDecimal paid) {
        super("payment of " + paid.toPlainString() + " exceeds the " + outstanding.toPlainString()
                        + " outstanding on invoice " + invoiceNumber,
                Map.of("field", "amount", "invoiceNumber", invoiceNumber, "outstanding", outstanding, "paid", paid));
    }
}
