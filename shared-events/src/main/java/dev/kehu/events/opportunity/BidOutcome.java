package dev.kehu.events.opportunity;

/** What the buyer's bid evaluation (评标) decided about our bid. */
public enum BidOutcome {
    /** 中标: our bid was chosen. */
    AWARDED,
    /** 入围: we are on the shortlist, negotiation follows. */
    SHORTLISTED,
    /** 未中标: another bidder was chosen. */
    NOT_AWARDED
}
