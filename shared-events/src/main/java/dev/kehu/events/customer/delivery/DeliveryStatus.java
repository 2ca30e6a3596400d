package dev.kehu.events.customer.delivery;

/** Where a delivery (发货) stands, as the ERP reports it: shipped (已发货), delivered (已签收) or returned (退货). */
public enum DeliveryStatus {
    SHIPPED, DELIVERED, RETURNED
}
