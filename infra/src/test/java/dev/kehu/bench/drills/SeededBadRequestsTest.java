package dev.kehu.bench.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kehu.command.customer.web.CustomerRequests.RegisterCustomerRequest;
import dev.kehu.events.customer.CustomerKind;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The drill's seeded bad-request generator and its unique values: what the bad-input drill relies on. */
class SeededBadRequestsTest {

    private static final BadRequestSource.Targets TARGETS = new BadRequestSource.Targets(
            "6f1c2d3e-0000-4000-8000-00000000c001", "6f1c2d3e-0000-4000-8000-00000000c002",
            "6f1c2d3e-0000-4000-8000-00000000c003", "6f1c2d3e-0000-4000-8000-00000000c004",
            "6f1c2d3e-0000-4000-8000-00000000c005");

    @Test
    void givesTheSameRequestsByteForByteForTheSameSeed() {
        List<BadRequest> first = new SeededBadRequests(42).requests(TARGETS, 2_000);
        List<BadRequest> second = new SeededBadRequests(42).requests(TARGETS, 2_000);

        assertThat(first).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(wire(second.get(i))).as("request %d", i).isEqualTo(wire(first.get(i)));
        }
        assertThat(wire(new SeededBadRequests(43).requests(TARGETS, 2_000).get(500))).isNotEqualTo(wire(first.get(500)));
    }

    @Test
    void givesAtLeastTheCountAskedWithEveryKindOfFault() {
        List<BadRequest> requests = new SeededBadRequests(20261207L).requests(TARGETS, 2_400);

        assertThat(requests).hasSizeGreaterThanOrEqualTo(2_400);
        assertThat(requests.stream().map(BadRequest::kind).collect(Collectors.toSet())).contains(
                "malformed-json", "wrong-type", "lone-surrogate", "invalid-utf8", "too-long", "deep-nesting",
                "extreme-number", "out-of-range-number", "extreme-date", "invalid-enum", "missing-required",
                "null-required", "blank-required", "whole-body", "wrong-content-type", "raw-non-ascii-header",
                "bad-header-value", "bad-parameter", "huge-query-string", "unroutable");
        assertThat(requests).anySatisfy(r -> assertThat(r.target()).contains("page=100000"));
        assertThat(requests).anySatisfy(r -> assertThat(new String(r.body() == null ? new byte[0] : r.body(),
                StandardCharsets.UTF_8)).contains("1E+2147483647"));
        assertThat(requests).anySatisfy(r -> assertThat(new String(r.body() == null ? new byte[0] : r.body(),
                StandardCharsets.UTF_8)).contains("-999999999-01-01"));
        assertThat(requests.stream().filter(BadRequest::command).count()).isGreaterThan(1_000);
    }

    @Test
    void aimsHeaderFaultsAtAggregatesThatDoNotExist() {
        List<BadRequest> headerFaults = new SeededBadRequests(7).requests(TARGETS, 2_000).stream()
                .filter(r -> Set.of("wrong-content-type", "raw-non-ascii-header", "bad-header-value").contains(r.kind()))
                .toList();

        assertThat(headerFaults).hasSizeGreaterThan(100);
        assertThat(headerFaults).allSatisfy(r -> assertThat(r.target())
                .doesNotContain(TARGETS.customerId()).doesNotContain(TARGETS.opportunityId())
                .startsWith("/api/").contains("00000000-0000-4000-8000-"));
    }

    @Test
    void sendsMalformedJsonThatNoStrictParserReads() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<BadRequest> malformed = new SeededBadRequests(11).requests(TARGETS, 3_000).stream()
                .filter(r -> r.kind().equals("malformed-json")).toList();

        assertThat(malformed).hasSizeGreaterThan(50);
        for (BadRequest request : malformed) {
            assertThatThrownBy(() -> strict.readTree(request.body()))
                    .as(new String(request.body(), StandardCharsets.UTF_8)).isInstanceOf(Exception.class);
        }
    }

    @Test
    void makesCreditCodesTheApiAcceptsAndNeverTheSameTwice() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        Set<String> codes = new HashSet<>();
        IntStream.of(1, 2, 30, 31, 961, 123_456, 987_654_322).forEach(n -> {
            String code = Names.creditCode(n);
            RegisterCustomerRequest request = new RegisterCustomerRequest(CustomerKind.COMPANY, "杭州云帆科技有限公司",
                    "Hangzhou Yunfan Technology Co., Ltd.", code, null, null, null, null, null, null, null, null, null, null);
            assertThat(validator.validate(request)).as(code).isEmpty();
            codes.add(code);
        });
        assertThat(codes).hasSize(7);
        assertThat(IntStream.range(0, 5_000).mapToObj(Names::word).collect(Collectors.toSet())).hasSize(5_000)
                .allSatisfy(word -> assertThat(word).matches("[A-Za-z]+"));
    }

    /** The request as the sender puts it on the wire, for comparison. */
    private static String wire(BadRequest request) {
        StringBuilder text = new StringBuilder(request.method()).append(' ').append(request.target()).append('\n');
        request.headers().forEach(h -> text.append(h.name()).append(": ")
                .append(new String(h.value(), StandardCharsets.ISO_8859_1)).append('\n'));
        if (request.body() != null) {
            text.append(new String(request.body(), StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
