package dev.kehu.command.customer.tier;

import dev.kehu.command.customer.CustomerCalendar;
import dev.kehu.command.customer.CustomerCommand.ReevaluateTier;
import dev.kehu.command.customer.CustomerProperties;
import dev.kehu.command.customer.directory.CustomerDirectory;
import dev.kehu.command.schedule.OncePerSchedule;
import dev.kehu.events.MetadataKeys;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily value-tier re-evaluation: sends {@link ReevaluateTier} with today's date (in
 * {@code kehu.customer.zone}, default Asia/Shanghai) to every customer in the {@link CustomerDirectory}
 * that was not merged, at {@code kehu.customer.tier.reevaluation-cron} (default 02:30 daily). Tiers
 * fall when old orders leave the twelve-month window, which no order event would notice. A failure for
 * one customer is logged and does not stop the run.
 *
 * <p>Nobody sends these commands over REST, so the job names itself as the actor: every command and
 * event of a run carries actor {@value #ACTOR} and one correlation id per run
 * ({@code tier-reevaluation-<as-of date>-<random>}), so an auditor can tell the job's changes from a
 * person's and find everything one run did.
 */
@Component
public class DailyTierReevaluation {

    public static final String ACTOR = "scheduler:tier-reevaluation";
    private static final Logger log = LoggerFactory.getLogger(DailyTierReevaluation.class);

    private final CommandGateway commandGateway;
    private final CustomerDirectory directory;
    private final CustomerCalendar calendar;
    private final ObjectProvider<OncePerSchedule> oncePerSchedule;

    public DailyTierReevaluation(CommandGateway commandGateway, CustomerDirectory directory, CustomerCalendar calendar,
                                 ObjectProvider<OncePerSchedule> oncePerSchedule) {
        this.commandGateway = commandGateway;
        this.directory = directory;
        this.calendar = calendar;
        this.oncePerSchedule = oncePerSchedule;
    }

    // An annotation attribute must be a constant, so the settings of CustomerProperties appear here as
    // placeholders; their defaults are the record's own constants, so the two cannot drift apart.
    @Scheduled(cron = "${kehu.customer.tier.reevaluation-cron:" + CustomerProperties.Tier.DEFAULT_REEVALUATION_CRON + "}",
            zone = "${kehu.customer.zone:" + CustomerProperties.DEFAULT_ZONE + "}")
    public void reevaluateToday() {
        // every instance fires; one runs per as-of date (a lease in MongoDB where the application provides one)
        LocalDate today = calendar.today();
        oncePerSchedule.getIfAvailable(() -> OncePerSchedule.EVERY_TIME).run("tier-reevaluation", today.toString(), () -> {
            int count = reevaluateAll(today);
            log.info("re-evaluated the value tier of {} customers", count);
        });
    }

    /** Re-evaluates every live customer as of {@code asOf}; returns how many commands succeeded. */
    public int reevaluateAll(LocalDate asOf) {
        AtomicInteger succeeded = new AtomicInteger();
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR, ACTOR)
                .and(MetadataKeys.CORRELATION_ID, "tier-reevaluation-" + asOf + "-" + UUID.randomUUID());
        directory.forEachLiveCustomer(customerId -> {
            try {
                commandGateway.sendAndWait(GenericCommandMessage
                        .asCommandMessage(new ReevaluateTier(customerId, asOf)).andMetaData(metaData));
                succeeded.incrementAndGet();
            } catch (RuntimeException e) {
                log.warn("tier re-evaluation of customer {} failed: {}", customerId, e.getMessage());
            }
        });
        return succeeded.get();
    }
}
