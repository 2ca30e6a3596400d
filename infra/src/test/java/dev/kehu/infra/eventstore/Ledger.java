package dev.kehu.infra.eventstore;

import dev.kehu.events.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A test aggregate for snapshot use; counts how many events it is rebuilt from. */
public class Ledger {

    static final AtomicInteger eventsApplied = new AtomicInteger();

    @AggregateIdentifier
    private String ledgerId;
    private String ownerName;
    private BigDecimal balance;
    private int bookings;

    record OpenLedger(@TargetAggregateIdentifier String ledgerId, String ownerName) {
    }

    record BookAmount(@TargetAggregateIdentifier String ledgerId, String memo, Money amount) {
    }

    protected Ledger() {
    }

    @CommandHandler
    public Ledger(OpenLedger command) {
        apply(new LedgerEvents.LedgerOpened(command.ledgerId(), command.ownerName(), Money.of("0", "CNY")));
    }

    @CommandHandler
    public void handle(BookAmount command) {
        apply(new LedgerEvents.AmountBooked(ledgerId, command.memo(), command.amount()));
    }

    @EventSourcingHandler
    void on(LedgerEvents.LedgerOpened event) {
        eventsApplied.incrementAndGet();
        ledgerId = event.ledgerId();
        ownerName = event.ownerName();
        balance = BigDecimal.ZERO;
    }

    @EventSourcingHandler
    void on(LedgerEvents.AmountBooked event) {
        eventsApplied.incrementAndGet();
        balance = balance.add(event.amount().amount());
        bookings++;
    }

    String ownerName() {
        return ownerName;
    }

    BigDecimal balance() {
        return balance;
    }

    int bookings() {
        return bookings;
    }
}
