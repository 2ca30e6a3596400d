package dev.kehu.command.customer;

import static dev.kehu.command.customer.CustomerFixtures.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kehu.command.customer.CustomerCommand.AddContact;
import dev.kehu.command.customer.CustomerCommand.MergeCustomer;
import dev.kehu.command.customer.CustomerCommand.RecordInvoice;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerCommand.SetCreditLimit;
import dev.kehu.command.customer.CustomerConflict.CustomerIsMerged;
import dev.kehu.command.customer.CustomerConflict.DuplicateHasOpenCredit;
import dev.kehu.command.customer.CustomerRuleRefusal.MergeKindMismatch;
import dev.kehu.command.web.AggregateBinding;
import dev.kehu.command.web.AggregateVersionInterceptor;
import dev.kehu.command.web.CommandResult;
import dev.kehu.command.web.StaleAggregateVersion;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Merging touches two aggregates in one unit of work; tested on a plain Axon configuration with an
 * in-memory event store, together with the version interceptor's result and position.
 */
class CustomerMergeHandlerTest {

    private Configuration axon;

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Customer.class)
                .registerComponent(TierPolicy.class, c -> TierPolicy.DEFAULT)
                .registerComponent(CreditReviewPolicy.class, c -> CreditReviewPolicy.DEFAULT)
                .registerCommandHandler(c -> new CustomerMergeHandler(c.repository(Customer.class)))
                .buildConfiguration();
        axon.start();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("binding", AggregateBinding.forCommandsOf(CustomerCommand.class, "customer",
                axon.repository(Customer.class)));
        axon.commandBus().registerHandlerInterceptor(new AggregateVersionInterceptor(beans.getBeanProvider(AggregateBinding.class)));
        // stands in for the event store, which leaves the commit's global position in the root unit of work
        axon.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.onPrepareCommit(u -> u.root().resources().put(AggregateVersionInterceptor.POSITION_RESOURCE, 4242L));
            return chain.proceed();
        });
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    private CommandResult send(Object command) {
        return axon.commandGateway().sendAndWait(command);
    }

    private List<Object> payloads(String id) {
        return axon.eventStore().readEvents(id).asStream().map(m -> (Object) m.getPayload()).toList();
    }

    @Test
    void mergesContactsAndOpenFollowUpsIntoTheSurvivorInOneCommit() {
        send(new RegisterCustomer("a-survivor", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new RegisterCustomer("b-duplicate", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new AddContact("b-duplicate", CustomerFixtures.liSi()));

        CommandResult result = send(new MergeCustomer("b-duplicate", "a-survivor"));

        assertThat(result.id()).isEqualTo("b-duplicate");
        assertThat(result.version()).isEqualTo(3);
        assertThat(result.position()).isEqualTo(4242L);
        assertThat(payloads("b-duplicate")).last().isEqualTo(new CustomerMerged("b-duplicate", "a-survivor"));
        DuplicateCustomerAbsorbed absorbed = (DuplicateCustomerAbsorbed) payloads("a-survivor").get(1);
        assertThat(absorbed.contacts()).extracting(ContactCard::name).containsExactly("李四");
    }

    @Test
    void refusesMergingCustomersOfDifferentKinds() {
        send(new RegisterCustomer("a-company", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new RegisterCustomer("b-person", CustomerKind.INDIVIDUAL, CustomerFixtures.zhangSanProfile()));

        assertThatThrownBy(() -> send(new MergeCustomer("b-person", "a-company")))
                .isInstanceOf(MergeKindMismatch.class);
        assertThat(payloads("a-company")).hasSize(1);
        assertThat(payloads("b-person")).hasSize(1);
    }

    @Test
    void refusesMergingADuplicateWithUnpaidInvoices() {
        send(new RegisterCustomer("a-survivor", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new RegisterCustomer("b-duplicate", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new RecordInvoice("b-duplicate", "INV-1", cny("100"), java.time.LocalDate.of(2026, 11, 1), null, null, null));

        assertThatThrownBy(() -> send(new MergeCustomer("b-duplicate", "a-survivor")))
                .isInstanceOf(DuplicateHasOpenCredit.class);
    }

    @Test
    void refusesMergingIntoAMergedSurvivorNamingItsSurvivor() {
        Stream.of("a", "b", "c").forEach(id ->
                send(new RegisterCustomer(id, CustomerKind.COMPANY, CustomerFixtures.jdProfile())));
        send(new MergeCustomer("b", "a"));

        assertThatThrownBy(() -> send(new MergeCustomer("c", "b")))
                .isInstanceOf(CustomerIsMerged.class)
                .hasMessage("customer b was merged into a and is read-only");
        assertThat(payloads("c")).hasSize(1);
    }

    @Test
    void theVersionInterceptorRefusesAStaleExpectedVersion() {
        send(new RegisterCustomer("x", CustomerKind.COMPANY, CustomerFixtures.jdProfile()));
        send(new SetCreditLimit("x", cny("100"), java.time.LocalDate.of(2026, 11, 22)));

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(GenericCommandMessage
                .asCommandMessage(new SetCreditLimit("x", cny("200"), java.time.LocalDate.of(2026, 11, 22)))
                .andMetaData(MetaData.with(AggregateVersionInterceptor.EXPECTED_VERSION, 0L))))
                .isInstanceOf(StaleAggregateVersion.class);
        assertThat(payloads("x")).hasSize(2);
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }
}
