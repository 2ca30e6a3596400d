package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The credit rating (资信等级) was set; previousRating is null the first time. */
@EventType("dev.kehu.events.customer.CreditRatingSet")
@Revision("1")
public record CreditRatingSet(String customerId, CreditRating rating, CreditRating previousRating) {
}
