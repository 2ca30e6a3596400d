package dev.kehu.command.customer;

import dev.kehu.events.Money;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Test data builders: Chinese and English customers, contacts and money. */
public final class CustomerFixtures {

    /** The Customer aggregate under Axon's test fixture, with the default tier and credit review policies. */
    public static AggregateTestFixture<Customer> aggregateFixture() {
        return aggregateFixture(CreditReviewPolicy.DEFAULT);
    }

    /** The same with another credit review policy. */
    public static AggregateTestFixture<Customer> aggregateFixture(CreditReviewPolicy creditReviewPolicy) {
        AggregateTestFixture<Customer> fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(TierPolicy.DEFAULT);
        fixture.registerInjectableResource(creditReviewPolicy);
        return fixture;
    }

    public static final String JD = "customer-jd";
    public static final String JD_CREDIT_CODE = "91110302562134916R";
    public static final String ACME = "customer-acme";
    public static final String ACME_CREDIT_CODE = "91310115MA1K3XY09Q";
    public static final String ZHANG_SAN = "customer-zhangsan";

    private CustomerFixtures() {
    }

    public static CustomerProfile jdProfile() {
        return new CustomerProfile("北京京东世纪贸易有限公司", "Beijing Jingdong Century Trading Co., Ltd.", JD_CREDIT_CODE,
                null, null, "零售", "北京办事处", "大客户", "展会", List.of("电商", "重点客户"),
                List.of("北京市大兴区亦庄经济技术开发区科创十一街18号"), Map.of("发票类型", "增值税专用发票"), "华北区重点客户");
    }

    public static CustomerProfile acmeProfile() {
        return new CustomerProfile(null, "Acme Trading Ltd", ACME_CREDIT_CODE, null, null, "Trading",
                "上海办事处", "business", "referral", List.of("import", "export"),
                List.of("上海市浦东新区世纪大道100号"), Map.of(), "Imports water filters");
    }

    public static CustomerProfile zhangSanProfile() {
        return new CustomerProfile("张三", "Zhang San", null, Phone.of("+86 138 0013 8000"), "zhangsan@example.com",
                null, "上海市浦东新区", "travel", "walk-in", List.of(), List.of("上海市浦东新区张杨路500号"),
                Map.of("shoeSize", "42"), null);
    }

    public static CustomerRegistered aRegisteredCompany() {
        return new CustomerRegistered(JD, CustomerKind.COMPANY, jdProfile());
    }

    public static CustomerRegistered aRegisteredEnglishCompany() {
        return new CustomerRegistered(ACME, CustomerKind.COMPANY, acmeProfile());
    }

    public static CustomerRegistered aRegisteredIndividual() {
        return new CustomerRegistered(ZHANG_SAN, CustomerKind.INDIVIDUAL, zhangSanProfile());
    }

    public static ContactCard liSi() {
        return new ContactCard("contact-lisi", "李四", "采购经理", List.of(Phone.of("138-0013-8001")),
                List.of("lisi@jd.example"), "负责华北区采购");
    }

    public static ContactCard johnSmith() {
        return new ContactCard("contact-john", "John Smith", "Purchasing Director",
                List.of(Phone.of("+1 (555) 010-9999")), List.of("john.smith@acme.example"), null);
    }

    public static ContactAdded liSiAdded() {
        return new ContactAdded(JD, liSi());
    }

    public static PrimaryContactChosen liSiIsPrimary() {
        return new PrimaryContactChosen(JD, liSi().contactId());
    }

    public static CreditLimitSet jdCreditLimit(String amount) {
        return new CreditLimitSet(JD, cny(amount), null);
    }

    public static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }
}
