package dev.kehu.events.customer.credit;

/** Credit rating (资信等级), best first. */
public enum CreditRating {
    AAA, AA, A, BBB, BB, B, C
}
