package dev.kehu.infra.eventstore;

import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** Test events of a small ledger aggregate (the store under test does not care about the domain). */
final class LedgerEvents {

    private LedgerEvents() {
    }

    @Revision("1")
    record LedgerOpened(String ledgerId, String ownerName, Money creditLimit) {
    }

    @Revision("1")
    record AmountBooked(String ledgerId, String memo, Money amount) {
    }

    @Revision("1")
    record LedgerAudited(String auditor, String note) {
    }
}
