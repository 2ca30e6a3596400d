package dev.kehu.infra.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;
import dev.kehu.infra.security.Role;
import dev.kehu.infra.security.TestUsers;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Accept: text/csv} on the query side's lists (customers, opportunities, RFM, risk): UTF-8 with a
 * byte-order mark, one row per item.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharedServers
class CsvExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void exportsTheCustomerListAsCsvWithAByteOrderMark() throws Exception {
        String manager = TestUsers.basic(context, "lina.export", Role.MANAGER);
        long position = 0;
        for (String body : List.of(
                "{\"kind\":\"COMPANY\",\"chineseName\":\"上海浦东发展有限公司\",\"creditCode\":\"91310115MA1H2J3K4L\",\"tags\":[\"大客户\",\"华东\"]}",
                "{\"kind\":\"INDIVIDUAL\",\"latinName\":\"O'Brien, Kate\",\"mobile\":\"+353 1 555 0101\"}")) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/customers")).header("Authorization", manager)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            position = Math.max(position, JSON.readTree(created.body()).get("position").asLong());
        }

        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/customers?minPosition=" + position))
                .header("Authorization", manager).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        List<CSVRecord> records = records(csv.body());
        assertThat(records).extracting(record -> record.get("name")) // other tests of the class add customers too
                .contains("上海浦东发展有限公司", "O'Brien, Kate").doesNotHaveDuplicates();
        CSVRecord shanghai = records.stream().filter(r -> r.get("name").startsWith("上海")).findFirst().orElseThrow();
        assertThat(shanghai.get("tags")).isEqualTo("大客户;华东");
        assertThat(shanghai.get("twelveMonthSpend.amount")).isEqualTo("0");

        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/api/customers")).header("Authorization", manager)
                .header("Accept", "*/*").GET());
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void exportsTheOpportunityListItsTypedItemsAsColumns() throws Exception {
        String manager = TestUsers.basic(context, "lina.export", Role.MANAGER);
        HttpResponse<String> customer = send(HttpRequest.newBuilder(uri("/api/customers")).header("Authorization", manager)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"COMPANY\",\"chineseName\":\"苏州园林建设有限公司\",\"creditCode\":\"91320500MA1X2Y3K4W\"}")));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(201);
        String customerId = JSON.readTree(customer.body()).get("id").asString();
        long position = 0;
        for (String deal : List.of(
                "{\"customerId\":\"%s\",\"title\":\"园林养护 年度合同\",\"amount\":\"1200000.50\",\"currency\":\"CNY\",\"expectedCloseDate\":\"2027-06-30\",\"ownerId\":\"张伟\"}",
                "{\"customerId\":\"%s\",\"title\":\"Garden care, \\\"premium\\\" tier\",\"amount\":\"80000\",\"currency\":\"USD\",\"expectedCloseDate\":\"2027-03-31\",\"ownerId\":\"alice\"}")) {
            HttpResponse<String> opened = send(HttpRequest.newBuilder(uri("/api/opportunities")).header("Authorization", manager)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(deal.formatted(customerId))));
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            position = Math.max(position, JSON.readTree(opened.body()).get("position").asLong());
        }

        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri("/api/opportunities?customer=" + customerId + "&sort=amount&minPosition=" + position))
                .header("Authorization", manager).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        List<CSVRecord> records = records(csv.body());
        assertThat(records).extracting(r -> r.get("title") + " | " + r.get("amount.amount") + " " + r.get("amount.currency")
                        + " | " + r.get("ownerId") + " | " + r.get("expectedCloseDate") + " | " + r.get("status"))
                .containsExactly("Garden care, \"premium\" tier | 80000 USD | alice | 2027-03-31 | OPEN",
                        "园林养护 年度合同 | 1200000.50 CNY | 张伟 | 2027-06-30 | OPEN");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("customerId")).isEqualTo(customerId);
            assertThat(r.get("opportunityId")).isNotBlank();
            assertThat(r.get("changedAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        });
    }

    @Test
    void exportsTheRfmAndRiskListsToo() throws Exception {
        String manager = TestUsers.basic(context, "lina.export", Role.MANAGER);
        for (String path : List.of("/api/value/rfm", "/api/risk/churn", "/api/risk/credit-exposure", "/api/risk/overdue-invoices")) {
            HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", manager).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).as(path).hasValue("text/csv;charset=UTF-8");
            assertThat(csv.body()).as(path).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        }
    }

    @Test
    void badParametersStillAnswerA4xxProblemWhenCsvIsAsked() throws Exception {
        String manager = TestUsers.basic(context, "lina.export", Role.MANAGER);
        HttpResponse<String> bad = send(HttpRequest.newBuilder(uri("/api/customers?limit=0")).header("Authorization", manager)
                .header("Accept", "text/csv").GET());
        assertThat(bad.statusCode()).as(bad.body()).isBetween(400, 499);
    }

    /** The rows of a CSV answer, after checking its UTF-8 byte-order mark. */
    private static List<CSVRecord> records(byte[] bytes) throws java.io.IOException {
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))).getRecords();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
