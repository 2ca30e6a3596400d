package dev.kehu.query.customer360;

import dev.kehu.query.customer360.Customer360View.Amount;

/**
 * What the customer 360 view knows of one opportunity of the customer (the {@code customer_360_opportunities}
 * document): its summary, whether it is open, and its customer. Opportunity events name only the opportunity; this
 * is how they reach their customer's view.
 */
public record Customer360Opportunity(String opportunityId, long appliedPosition, String customerId, String title,
                                     Amount amount, String stage, Integer probability, String expectedCloseDate,
                                     String ownerId, String priority, boolean open) {
}
