package dev.kehu.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.MetadataKeys;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.contact.Phone;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No value that a view cannot hold gets in: amounts, dates, JSON types, Unicode, header encoding and
 * content types are checked at the API, refused with problem+json naming the field, and append nothing.
 */
class RequestTrustApiTest extends CommandApiTestSupport {

    private Response expectProblem(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
        assertThat(response.text("type")).isEqualTo("https://kehu.dev/problems/" + code);
        if (field != null) {
            assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        }
        return response;
    }

    @Test
    void refusesAnAmountNoViewCanHold() {
        String id = registerCompany("上海浦东发展银行股份有限公司");
        long before = totalEvents();
        for (String amount : List.of("1E+2147483647", "1E+15", "-1E+15", "1000000000000000", "0.001", "1.000")) {
            Response refused = expectProblem(api.put("/api/customers/" + id + "/credit-limit",
                    map("amount", amount, "currency", "CNY")), 400, "invalid-field", "amount");
            assertThat(refused.text("detail")).as(amount).startsWith("amount: must ");
        }
        expectProblem(api.put("/api/opportunities/any/amount", map("amount", new BigDecimal("1E+2147483647"),
                "currency", "CNY")), 400, "invalid-field", "amount");
        assertThat(totalEvents()).isEqualTo(before);

        assertThat(api.post("/api/customers/" + id + "/credit-investigations", map("sources", List.of("征信报告"),
                "findings", "良好 good", "evaluation", "可授信 creditworthy", "proposedRating", "AAA")).status())
                .as("a limit this large needs a credit investigation").isEqualTo(201);
        assertThat(api.put("/api/customers/" + id + "/credit-limit", map("amount", "999999999999999.99",
                "currency", "CNY")).status()).isEqualTo(200);
        CreditLimitSet set = (CreditLimitSet) payloadsOf(id).get(payloadsOf(id).size() - 1);
        assertThat(set.limit().amount()).isEqualByComparingTo("999999999999999.99");
    }

    @Test
    void refusesDatesOutsideTheBusinessRange() {
        String id = registerCompany("深圳市腾讯计算机系统有限公司");
        long before = totalEvents();
        for (String date : List.of("+999999999-12-31", "-999999999-01-01", "0001-01-01", "1899-12-31", "2200-01-01")) {
            Response refused = expectProblem(api.post("/api/customers/" + id + "/interactions",
                    map("channel", "VISIT", "occurredOn", date)), 400, "invalid-value", "occurredOn");
            assertThat(refused.text("detail"))
                    .isEqualTo("occurredOn: must be between 1900-01-01 and 2199-12-31, got " + java.time.LocalDate.parse(date));
        }
        expectProblem(api.post("/api/customers/" + id + "/invoices", map("invoiceNumber", "INV-9", "amount", "10",
                "currency", "CNY", "invoicedOn", "2026-11-01", "dueOn", "+999999999-12-31")), 400, "invalid-value", "dueOn");
        expectProblem(api.post("/api/customers/" + id + "/interactions",
                map("channel", "VISIT", "occurredOn", 20261122)), 400, "wrong-type", "occurredOn");
        assertThat(totalEvents()).isEqualTo(before);

        assertThat(api.post("/api/customers/" + id + "/interactions", map("channel", "VISIT", "occurredOn", "1900-01-01"))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/customers/" + id + "/interactions", map("channel", "VISIT", "occurredOn", "2199-12-31"))
                .status()).isEqualTo(201);
    }

    @Test
    void refusesValuesOfTheWrongJsonType() {
        String id = registerCompany("阿里巴巴（中国）有限公司");
        long before = totalEvents();
        Map<String, Object> numberAsName = company("x", freshCreditCode());
        numberAsName.put("chineseName", 12345);
        expectProblem(api.post("/api/customers", numberAsName), 400, "wrong-type", "chineseName");
        Map<String, Object> booleanTag = company("华为技术有限公司", freshCreditCode());
        booleanTag.put("tags", List.of(true));
        expectProblem(api.post("/api/customers", booleanTag), 400, "wrong-type", "tags[0]");
        Map<String, Object> numberKind = company("华为技术有限公司", freshCreditCode());
        numberKind.put("kind", 0);
        expectProblem(api.post("/api/customers", numberKind), 400, "invalid-value", "kind");
        String complaint = api.post("/api/customers/" + id + "/complaints", map("subject", "送货延迟 late delivery"))
                .text("complaintId");
        before = totalEvents();
        expectProblem(api.post("/api/customers/" + id + "/complaints/" + complaint + "/resolution",
                map("resolution", "refunded", "satisfactionScore", "5")), 400, "wrong-type", "satisfactionScore");
        expectProblem(api.post("/api/customers/" + id + "/complaints/" + complaint + "/resolution",
                map("resolution", "refunded", "satisfactionScore", 4.5)), 400, "invalid-value", "satisfactionScore");
        expectProblem(api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-7", "amount", true,
                "currency", "CNY", "orderedOn", "2026-11-01")), 400, "wrong-type", "amount");
        expectProblem(api.post("/api/customers/" + id + "/orders", map("orderNumber", 7, "amount", "10",
                "currency", "CNY", "orderedOn", "2026-11-01")), 400, "wrong-type", "orderNumber");
        expectProblem(api.sendRaw("POST", "/api/customers/" + id + "/orders", "{\"orderNumber\":\"SO-8\",\"amount\":\"10\","
                + "\"currency\":\"CNY\",\"orderedOn\":\"2026-11-01\"} trailing"), 400, "malformed-json", "body");
        assertThat(totalEvents()).isEqualTo(before);

        // Decimal strings stay accepted for amounts (clients keep cents exact that way); unknown fields are ignored.
        assertThat(api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-9", "amount", "12000.50",
                "currency", "CNY", "orderedOn", "2026-11-01", "discount", 3)).status()).isEqualTo(200);
    }

    @Test
    void refusesTextWithALoneSurrogate() {
        long before = totalEvents();
        String code = freshCreditCode();
        Response name = expectProblem(api.sendRaw("POST", "/api/customers", "{\"kind\":\"COMPANY\",\"chineseName\":"
                + "\"北京\\ud800公司\",\"creditCode\":\"" + code + "\"}"), 400, "invalid-value", "chineseName");
        assertThat(name.text("detail")).isEqualTo("chineseName: must be well-formed Unicode text (it contains a lone UTF-16 surrogate)");
        expectProblem(api.sendRaw("POST", "/api/customers", "{\"kind\":\"COMPANY\",\"chineseName\":\"北京公司\","
                + "\"creditCode\":\"" + code + "\",\"tags\":[\"ok\",\"\\udc00\"]}"), 400, "invalid-value", "tags[1]");
        expectProblem(api.sendRaw("POST", "/api/customers", "{\"kind\":\"COMPANY\",\"chineseName\":\"北京公司\","
                + "\"creditCode\":\"" + code + "\",\"preferences\":{\"\\ud83d\":\"x\"}}"), 400, "malformed-json", "preferences");
        assertThat(totalEvents()).isEqualTo(before);

        Response emoji = api.sendRaw("POST", "/api/customers", "{\"kind\":\"COMPANY\",\"chineseName\":\"北京\\ud83d\\ude00公司\","
                + "\"creditCode\":\"" + code + "\"}");
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
        assertThat(((CustomerRegistered) payloadsOf(emoji.text("id")).get(0)).profile().chineseName()).isEqualTo("北京😀公司");
    }

    @Test
    void takesHeaderTextPercentEncodedAndRefusesRawNonAsciiBytes() {
        long before = totalEvents();
        String body = "{\"kind\":\"INDIVIDUAL\",\"chineseName\":\"张伟\"}";
        String raw = rawPost("/api/customers", body, "X-Actor: ".getBytes(StandardCharsets.US_ASCII),
                "张伟".getBytes(StandardCharsets.UTF_8));
        assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"field\":\"X-Actor\"").contains("X-Actor: must be ASCII; send non-ASCII text percent-encoded as UTF-8");
        assertThat(rawPost("/api/customers", body, "X-Actor: zhang.wei\r\nX-Reason: ".getBytes(StandardCharsets.US_ASCII),
                "新客户".getBytes(StandardCharsets.UTF_8))).startsWith("HTTP/1.1 400").contains("\"field\":\"X-Reason\"");
        expectProblem(api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()),
                "X-Actor", "%ED%A0%80"), 400, "invalid-field", "X-Actor");
        expectProblem(api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()),
                "X-Actor", "zhang%FFwei"), 400, "invalid-field", "X-Actor");
        expectProblem(api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()),
                "X-Reason", "line%0Abreak"), 400, "invalid-field", "X-Reason");
        assertThat(totalEvents()).isEqualTo(before);

        Response encoded = api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()),
                "X-Actor", "%E5%BC%A0%E4%BC%9F", "X-Reason", "%E6%96%B0%E5%AE%A2%E6%88%B7+referral");
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(201);
        var metaData = eventsOf(encoded.text("id")).get(0).getMetaData();
        assertThat(metaData.get(MetadataKeys.ACTOR)).isEqualTo("张伟");
        assertThat(metaData.get(MetadataKeys.REASON)).isEqualTo("新客户+referral");
    }

    @Test
    void refusesABodyThatIsNotWellFormedUtf8OrTooLarge() {
        String id = registerCompany("杭州阿里巴巴网络技术有限公司");
        long before = totalEvents();
        byte[] start = "{\"name\":\"王".getBytes(StandardCharsets.UTF_8);
        for (byte[] malformed : List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC3}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xE4, (byte) 0xB8})) {
            byte[] body = concat(start, malformed, "\"}".getBytes(StandardCharsets.UTF_8));
            String answer = rawPost("/api/customers/" + id + "/contacts", body,
                    "X-Actor: li.na".getBytes(StandardCharsets.US_ASCII), new byte[0]);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"field\":\"body\"").contains("not well-formed UTF-8");
        }
        byte[] huge = ("{\"name\":\"" + "长".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(rawPost("/api/customers/" + id + "/contacts", huge, "X-Actor: li.na".getBytes(StandardCharsets.US_ASCII),
                new byte[0])).startsWith("HTTP/1.1 413").contains("\"code\":\"body-too-large\"");
        assertThat(totalEvents()).isEqualTo(before);

        byte[] wellFormed = "{\"name\":\"王芳 Wang Fang\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(rawPost("/api/customers/" + id + "/contacts", wellFormed,
                "X-Actor: li.na".getBytes(StandardCharsets.US_ASCII), new byte[0])).startsWith("HTTP/1.1 201");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The JDK HTTP client replaces non-ASCII header bytes by '?', so raw bytes go out over a socket. */
    private String rawPost(String path, String json, byte[] headerStart, byte[] rawHeaderBytes) {
        return rawPost(path, json.getBytes(StandardCharsets.UTF_8), headerStart, rawHeaderBytes);
    }

    private String rawPost(String path, byte[] body, byte[] headerStart, byte[] rawHeaderBytes) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(headerStart);
            out.write(rawHeaderBytes);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void acceptsPhoneNumbersWithAnExtension() {
        String id = registerCompany("北京字节跳动科技有限公司");
        List<String> phones = List.of("010-6567 8888 转 801", "010-6567 8889 分机 802", "+1 (555) 010-9999 ext. 803",
                "+1 555 010 9998 x804");
        Response added = api.post("/api/customers/" + id + "/contacts", map("name", "王芳 Wang Fang", "phones", phones));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        ContactAdded event = payloadsOf(id).stream().filter(ContactAdded.class::isInstance)
                .map(ContactAdded.class::cast).reduce((first, second) -> second).orElseThrow();
        assertThat(event.contact().phones()).extracting(Phone::entered).containsExactlyElementsOf(phones);
        assertThat(event.contact().phones()).extracting(Phone::normalized)
                .containsExactly("01065678888", "01065678889", "+15550109999", "+15550109998");
        expectProblem(api.post("/api/customers/" + id + "/contacts", map("name", "李四",
                "phones", List.of("010-6567 8888 转 分机"))), 400, "invalid-field", "phones[0]");
    }

    @Test
    void refusesAWildcardOrMalformedContentType() {
        long before = totalEvents();
        String body = "{\"kind\":\"INDIVIDUAL\",\"chineseName\":\"张三\"}";
        for (String type : List.of("application/*", "*/*", "not a type", "application/")) {
            Response refused = expectProblem(api.sendRaw("POST", "/api/customers", body, "Content-Type", type),
                    415, "unsupported-media-type", "Content-Type");
            assertThat(refused.text("detail")).startsWith("Content-Type: ");
        }
        expectProblem(api.sendRaw("POST", "/api/customers", "<customer/>", "Content-Type", "application/xml"),
                415, "unsupported-media-type", null);
        expectProblem(api.sendRaw("POST", "/api/customers", body, "Content-Type", "text/plain"),
                415, "unsupported-media-type", null);
        assertThat(totalEvents()).isEqualTo(before);
    }
}
