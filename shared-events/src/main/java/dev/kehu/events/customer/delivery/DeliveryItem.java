package dev.kehu.events.customer.delivery;

import java.math.BigDecimal;

/** One line of a delivery: the product, how many, and the unit (台, 套, pcs). */
public record DeliveryItem(String product, BigDecimal quantity, String unit) {
}
