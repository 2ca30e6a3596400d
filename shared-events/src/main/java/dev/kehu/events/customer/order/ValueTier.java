package dev.kehu.events.customer.order;

/** VIP tier by rolling twelve-month spend: none, silver (银卡), gold (金卡), diamond (钻石卡). */
public enum ValueTier {
    NONE, SILVER, GOLD, DIAMOND
}
