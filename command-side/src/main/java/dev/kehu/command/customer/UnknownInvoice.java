package dev.kehu.command.customer;

import java.util.Map;

/** The invoice number was never recorded for this customer. */
public class UnknownInvoice extends CustomerRuleRefusal {

    public UnknownInvoice(String invoiceNumber) {
        super("no invoice " + invoiceNumber + " recorded for this customer", Map.of("field", "invoiceNumber", "invoiceNumber", invoiceNumber));
    }
}
