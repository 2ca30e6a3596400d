package dev.kehu.events.customer.credit;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A payment (回款) against an invoice, from the ERP. */
@EventType("dev.kehu.events.customer.PaymentRecorded")
@Revision("1")
public record PaymentRecorded(String customerId, String paymentNumber, String invoiceNumber, Money amount, LocalDate paidOn) {
}
