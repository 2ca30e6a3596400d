package dev.kehu.command.customer;

import java.util.Map;

/** The invoice is fully paid and cannot be overdue. */
public class InvoiceAlreadyPaid extends CustomerConflict {

    public InvoiceAlreadyPaid(String invoiceNumber) {
        super("invoice " + invoiceNumber + " is fully paid", Map.of("invoiceNumber", invoiceNumber));
    }
}
