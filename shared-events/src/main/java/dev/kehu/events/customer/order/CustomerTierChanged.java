package dev.kehu.events.customer.order;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The value tier changed, with the figures that decided it: spend over the rolling twelve months [windowStart, windowEnd] and the threshold of the new tier (null for NONE). */
@EventType("dev.kehu.events.customer.CustomerTierChanged")
@Revision("1")
public record CustomerTierChanged(String customerId, ValueTier previousTier, ValueTier tier, Money twelveMonthSpend, LocalDate windowStart, LocalDate windowEnd, Money threshold) {
}
