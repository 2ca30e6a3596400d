package dev.kehu.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.elasticsearch.ElasticsearchConfiguration;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;
import dev.kehu.query.elasticsearch.FlushAtEndOfBatch;
import dev.kehu.query.elasticsearch.VersionedIndex;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import dev.kehu.query.reporting.OpportunityReportController;
import dev.kehu.query.reporting.OpportunityReports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.test.web.servlet.setup.StandaloneMockMvcBuilder;

/**
 * Customers and contacts for search tests: Chinese and English companies, people with polyphonic
 * surnames, look-alikes (京东 vs 北京, Smith vs Smithson, 张三 vs 张三丰), one merged and one
 * churned customer.
 */
public final class SearchFixtures {

    private SearchFixtures() {
    }

    /**
     * A customers index on the shared node under its own alias (created now), fed by the customer search projection
     * under real Axon pooled streaming processors ({@link FlushAtEndOfBatch}, as the application) over an in-memory
     * event store. {@link #close} stops the processors and deletes the index (and any other index named with
     * {@link #alsoDelete}).
     */
    public static final class LiveCustomerIndex implements AutoCloseable {
        public final ElasticsearchClient client = SharedElasticsearch.client();
        public final VersionedIndex index;
        public final CustomerSearch search;
        public final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        public final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        private final List<PooledStreamingEventProcessor> processors = new ArrayList<>();
        private final List<String> deleted = new ArrayList<>();

        public LiveCustomerIndex(String alias) throws IOException {
            this.index = new VersionedIndex(client, alias, 1, "customers");
            this.search = new CustomerSearch(client, alias);
            index.ensureExists();
            deleted.add(index.indexName(1));
        }

        public String alias() {
            return index.alias();
        }

        /**
         * Starts a processor named {@code name} (its token's group) running the projection with {@code writer}, in
         * {@code segments} segments, batches of 100; {@code before} run ahead of the flush at the end of each batch.
         */
        @SafeVarargs
        public final PooledStreamingEventProcessor start(String name, CustomerSearchWriter writer, TokenStore tokens, int segments,
                                                         MessageHandlerInterceptor<? super EventMessage<?>>... before) {
            PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(new CustomerSearchProjection(writer))
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build())
                    .messageSource(eventStore)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.instance())
                    .coordinatorExecutor(executor)
                    .workerExecutor(executor)
                    .initialSegmentCount(segments)
                    .batchSize(100)
                    .build();
            for (MessageHandlerInterceptor<? super EventMessage<?>> interceptor : before) {
                processor.registerHandlerInterceptor(interceptor);
            }
            processor.registerHandlerInterceptor(new FlushAtEndOfBatch(writer::flush));
            processor.start();
            processors.add(processor);
            return processor;
        }

        /** Deletes {@code name} too on {@link #close}. */
        public void alsoDelete(String name) {
            deleted.add(name);
        }

        @Override
        public void close() throws IOException {
            processors.forEach(PooledStreamingEventProcessor::shutDown);
            executor.shutdownNow();
            eventStore.shutDown();
            client.indices().delete(request -> request.index(deleted).ignoreUnavailable(true));
        }
    }

    /**
     * {@link #customers()} (or the customers given) indexed in the shared node under their own alias with the
     * customers mapping, for the test class that registers it ({@code @RegisterExtension static}); the index is
     * deleted after the class.
     */
    static final class IndexedCustomers implements BeforeAllCallback, AfterAllCallback {
        private final String alias;
        private final java.util.function.Supplier<List<CustomerSearchDocument>> customers;
        private VersionedIndex index;
        private CustomerSearch search;

        IndexedCustomers(String alias) {
            this(alias, SearchFixtures::customers);
        }

        IndexedCustomers(String alias, java.util.function.Supplier<List<CustomerSearchDocument>> customers) {
            this.alias = alias;
            this.customers = customers;
        }

        CustomerSearch search() {
            return search;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            ElasticsearchClient client = SharedElasticsearch.client();
            index = new VersionedIndex(client, alias, 1, "customers");
            index.ensureExists();
            new CustomerSearchWriter(client, alias).write(customers.get(), true);
            search = new CustomerSearch(client, alias);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            SharedElasticsearch.client().indices().delete(request -> request.index(index.indexName(1)));
        }
    }

    /** The search and report endpoints, their client pointed at a closed port: Elasticsearch does not answer. */
    static StandaloneMockMvcBuilder endpointsWithElasticsearchDown() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ElasticsearchClient client = ElasticsearchConfiguration.client(
                ElasticsearchConfiguration.restClient("http://127.0.0.1:" + closedPort));
        return MockMvcBuilders.standaloneSetup(
                new CustomerSearchController(new CustomerSearch(client, "customers"),
                        new CustomerSuggest(client, "customers", dev.kehu.query.elasticsearch.SearchGuard.withDefaults())),
                new OpportunityReportController(new OpportunityReports(client, "opportunities")));
    }

    static List<CustomerSearchDocument> customers() {
        List<CustomerSearchDocument> all = new ArrayList<>();
        CustomerSearchDocument jd = company("c01", "北京京东世纪贸易有限公司", "Beijing Jingdong Century Trading Co., Ltd.", "华北", "DIAMOND", "wang.fang", "ACTIVE", "电商", "大客户");
        jd.contact("c01-1").name("张三").title("采购总监").phones(List.of("138-0013-8000")).emails(List.of("zhangsan@jd.com")).primary(true);
        jd.contact("c01-2").name("李四").title("财务经理").phones(List.of("139 1234 5678")).emails(List.of("lisi@jd.com"));
        all.add(jd);

        CustomerSearchDocument spdb = company("c02", "上海浦东发展银行股份有限公司", "Shanghai Pudong Development Bank", "华东", "GOLD", "li.lei", "ACTIVE", "金融");
        spdb.contact("c02-1").name("欧阳娜娜").title("客户经理").phones(List.of("+86 186 1111 2222")).emails(List.of("ouyang.nana@spdb.com.cn")).primary(true);
        spdb.contact("c02-2").name("王五").title("行长助理").phones(List.of("021-6888-1234"));
        all.add(spdb);

        CustomerSearchDocument jdl = company("c03", "京东物流集团", "JD Logistics", "华北", "GOLD", "wang.fang", "ACTIVE", "物流");
        jdl.contact("c03-1").name("赵六").title("运营经理").phones(List.of("13700001111"));
        all.add(jdl);

        CustomerSearchDocument njdf = company("c04", "南京东方电子有限公司", null, "华东", "SILVER", "li.lei", "PROSPECT", "制造");
        njdf.contact("c04-1").name("孙七").phones(List.of("025-5211-3344"));
        all.add(njdf);

        CustomerSearchDocument acme = company("c05", "Acme Corporation", null, "海外", "GOLD", "chen.jie", "ACTIVE", "制造");
        acme.contact("c05-1").name("John Smith").title("Purchasing Manager").phones(List.of("+1 (415) 555-0100")).emails(List.of("john.smith@acme.com")).primary(true);
        acme.contact("c05-2").name("Jane Doe").title("CFO").emails(List.of("jane.doe@acme.com"));
        all.add(acme);

        CustomerSearchDocument acmeBeijing = company("c06", "艾克米(北京)科技有限公司", "Acme Beijing Technology", "华北", "SILVER", "wang.fang", "ACTIVE", "制造");
        acmeBeijing.contact("c06-1").name("刘强").phones(List.of("010-6543-2100"));
        all.add(acmeBeijing);

        CustomerSearchDocument shan = individual("c07", "单伟", "华北", "NONE", "wang.fang", "PROSPECT");
        shan.phones(List.of("010-12345678")).emails(List.of("shanwei@163.com"));
        all.add(shan);

        CustomerSearchDocument zeng = individual("c08", "曾志伟", "华南", "SILVER", "chen.jie", "ACTIVE");
        zeng.phones(List.of("+86 20 8765 4321"));
        all.add(zeng);

        CustomerSearchDocument tencent = company("c09", "深圳市腾讯计算机系统有限公司", "Tencent", "华南", "DIAMOND", "chen.jie", "ACTIVE", "互联网", "大客户");
        tencent.contact("c09-1").name("马明").title("商务总监").phones(List.of("0755-8601-3388")).emails(List.of("maming@tencent.com"));
        all.add(tencent);

        CustomerSearchDocument huawei = company("c10", "华为技术有限公司", "Huawei Technologies", "华南", "DIAMOND", "chen.jie", "ACTIVE", "通信", "大客户");
        huawei.contact("c10-1").name("刘洋").title("采购经理").phones(List.of("13988887777")).emails(List.of("liuyang@huawei.com"));
        all.add(huawei);

        CustomerSearchDocument smithson = company("c11", "Smithson Trading Ltd", null, "海外", "SILVER", "chen.jie", "ACTIVE", "贸易");
        smithson.contact("c11-1").name("Peter Smithson").emails(List.of("peter@smithson.co.uk"));
        all.add(smithson);

        CustomerSearchDocument wushu = company("c13", "张三丰武术学校", null, "华中", "NONE", "li.lei", "PROSPECT", "教育");
        wushu.contact("c13-1").name("张三丰").phones(List.of("13600001234"));
        all.add(wushu);

        CustomerSearchDocument muller = company("c14", "Müller Maschinenbau GmbH", null, "海外", "SILVER", "chen.jie", "ACTIVE", "制造");
        muller.contact("c14-1").name("Hans Müller").emails(List.of("hans.mueller@mueller-maschinen.de"));
        all.add(muller);

        CustomerSearchDocument alibaba = company("c15", "阿里巴巴(中国)有限公司", "Alibaba China", "华东", "DIAMOND", "li.lei", "ACTIVE", "电商", "大客户");
        alibaba.contact("c15-1").name("陈静").title("采购专员").phones(List.of("0571-8502-2088")).emails(List.of("chenjing@alibaba-inc.com"));
        all.add(alibaba);

        CustomerSearchDocument pg = company("c16", "广州宝洁有限公司", "P&G Guangzhou", "华南", "GOLD", "chen.jie", "CHURNED", "日化");
        pg.churned(true, "价格 (联合利华)");
        pg.contact("c16-1").name("黄磊").phones(List.of("020-3888-9999"));
        all.add(pg);

        CustomerSearchDocument duplicate = company("c17", "北京京东世纪贸易有限公司", "JD duplicate", "华北", "NONE", "wang.fang", "PROSPECT", "电商");
        duplicate.mergedInto("c01");
        duplicate.contact("c17-1").name("张三").phones(List.of("13800138000"));
        all.add(duplicate);

        CustomerSearchDocument changan = company("c18", "重庆长安汽车股份有限公司", "Changan Automobile", "西南", "GOLD", "li.lei", "ACTIVE", "汽车");
        changan.contact("c18-1").name("何平").phones(List.of("023-6759-1234"));
        all.add(changan);

        CustomerSearchDocument zhangjiang = company("c19", "上海浦东新区张江高科技园区开发股份有限公司", null, "华东", "SILVER", "li.lei", "ACTIVE", "地产");
        all.add(zhangjiang);

        CustomerSearchDocument ouyangxiu = individual("c20", "欧阳修", "华中", "NONE", "li.lei", "PROSPECT");
        all.add(ouyangxiu);

        CustomerSearchDocument zhangWeiConsulting = company("c21", "Zhang Wei Consulting", null, "海外", "NONE", "chen.jie", "PROSPECT", "咨询");
        all.add(zhangWeiConsulting);

        CustomerSearchDocument tianfu = company("c22", "成都天府软件园有限公司", null, "西南", "SILVER", "li.lei", "ACTIVE", "软件");
        tianfu.contact("c22-1").name("张伟").title("总经理").phones(List.of("13912345678")).emails(List.of("zhangwei@tianfusoft.cn"));
        all.add(tianfu);

        CustomerSearchDocument globalTech = company("c23", "Global Tech Solutions", null, "海外", "GOLD", "chen.jie", "ACTIVE", "软件");
        globalTech.contact("c23-1").name("Maria Garcia").title("VP Sales").emails(List.of("maria.garcia@globaltech.io")).phones(List.of("+34 612 345 678"));
        all.add(globalTech);

        CustomerSearchDocument acmeSupplies = company("c24", "Acme Supplies", null, "华东", "SILVER", "li.lei", "DORMANT", "贸易");
        all.add(acmeSupplies);

        CustomerSearchDocument jdHealth = company("c25", "京东健康股份有限公司", "JD Health", "华北", "GOLD", "wang.fang", "ACTIVE", "医疗");
        all.add(jdHealth);
        return all;
    }

    private static CustomerSearchDocument company(String id, String name, String latinName, String region, String tier,
                                                  String manager, String lifecycle, String... tags) {
        return new CustomerSearchDocument(id).kind("COMPANY").name(name).latinName(latinName).region(region)
                .tier(tier).manager(manager).lifecycle(lifecycle).industry(tags.length > 0 ? tags[0] : null)
                .tags(List.of(tags)).lastSequence(1);
    }

    private static CustomerSearchDocument individual(String id, String name, String region, String tier, String manager,
                                                     String lifecycle) {
        return new CustomerSearchDocument(id).kind("INDIVIDUAL").name(name).region(region).tier(tier).manager(manager)
                .lifecycle(lifecycle).lastSequence(1);
    }
}
