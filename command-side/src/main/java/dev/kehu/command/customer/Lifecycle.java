package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.DropCustomer;
import dev.kehu.command.customer.CustomerCommand.MarkCustomerChurned;
import dev.kehu.command.customer.CustomerCommand.ReactivateCustomer;
import dev.kehu.command.customer.CustomerConflict.LifecycleTransitionRefused;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The customer's lifecycle stage (客户生命周期): prospect until the first order, then active, dormant,
 * churned, reactivated or dropped (放弃名单). Part of the {@link Customer} aggregate
 * ({@code @AggregateMember}). A transition that makes no sense in the current stage is a
 * {@link LifecycleTransitionRefused}.
 */
final class Lifecycle {

    private LifecycleStage stage;

    void markDormant(String customerId, LocalDate lastOrderOn) {
        require(customerId, "mark dormant", LifecycleStage.ACTIVE, LifecycleStage.REACTIVATED);
        apply(new CustomerBecameDormant(customerId, lastOrderOn));
    }

    @CommandHandler
    void handle(MarkCustomerChurned command) {
        require(command.customerId(), "mark churned",
                LifecycleStage.ACTIVE, LifecycleStage.DORMANT, LifecycleStage.REACTIVATED);
        apply(new CustomerChurned(command.customerId(), command.reason(), command.competitor()));
    }

    @CommandHandler
    void handle(ReactivateCustomer command) {
        require(command.customerId(), "reactivate", LifecycleStage.DORMANT, LifecycleStage.CHURNED, LifecycleStage.DROPPED);
        apply(new CustomerReactivated(command.customerId(), stage, command.reason()));
    }

    @CommandHandler
    void handle(DropCustomer command) {
        if (stage == LifecycleStage.DROPPED) {
            throw new LifecycleTransitionRefused(command.customerId(), stage, "drop");
        }
        apply(new CustomerDropped(command.customerId(), command.reason()));
    }

    /** A new order activates a prospect and reactivates a dormant or churned customer. */
    void orderRecorded(String customerId, String orderNumber) {
        if (stage == LifecycleStage.PROSPECT) {
            apply(new CustomerActivated(customerId, orderNumber));
        } else if (stage == LifecycleStage.DORMANT || stage == LifecycleStage.CHURNED) {
            apply(new CustomerReactivated(customerId, stage, "order " + orderNumber));
        }
    }

    private void require(String customerId, String attempted, LifecycleStage... allowed) {
        for (LifecycleStage candidate : allowed) {
            if (candidate == stage) {
                return;
            }
        }
        throw new LifecycleTransitionRefused(customerId, stage, attempted);
    }

    LifecycleStage stage() {
        return stage;
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        stage = LifecycleStage.PROSPECT;
    }

    /** Activated, dormant, churned, reactivated, dropped: each event names the stage it leads to. */
    @EventSourcingHandler
    void on(CustomerLifecycleChanged event) {
        stage = event.stage();
    }
}
