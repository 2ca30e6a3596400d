package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.Money;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/customers/{id}/deliveries} over HTTP: bodies, events, idempotency and refusals. */
class DeliveryApiTest extends CommandApiTestSupport {

    private Response deliver(String id, Map<String, Object> body) {
        return api.post("/api/customers/" + id + "/deliveries", body);
    }

    private static Map<String, Object> delivery(String status, String statusOn) {
        return map("deliveryNumber", "DN-2026-0001", "orderNumber", "SO-2026-0001", "shippedOn", "2026-11-02",
                "items", List.of(map("product", " 反渗透净水设备 RO purifier ", "quantity", "3", "unit", "台"),
                        map("product", "Filter cartridge", "quantity", 12)),
                "amount", "36000.00", "currency", "CNY", "status", status, "statusOn", statusOn);
    }

    @Test
    void recordsADeliveryOnceThenItsLaterStatus() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response first = deliver(id, delivery("SHIPPED", null));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        List<DeliveryItem> items = List.of(new DeliveryItem("反渗透净水设备 RO purifier", new BigDecimal("3"), "台"),
                new DeliveryItem("Filter cartridge", new BigDecimal("12"), null));
        assertThat(payloadsOf(id).get(payloadsOf(id).size() - 1)).isEqualTo(new DeliveryRecorded(id, "DN-2026-0001",
                "SO-2026-0001", LocalDate.of(2026, 11, 2), items, Money.of("36000.00", "CNY"), DeliveryStatus.SHIPPED,
                LocalDate.of(2026, 11, 2)));

        Response again = deliver(id, delivery("SHIPPED", null));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("version")).isEqualTo(first.body().get("version"));

        Response signed = deliver(id, delivery("DELIVERED", "2026-11-05"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(payloadsOf(id).get(payloadsOf(id).size() - 1)).isEqualTo(new DeliveryStatusChanged(id,
                "DN-2026-0001", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED, LocalDate.of(2026, 11, 5)));

        long before = totalEvents();
        Response back = deliver(id, delivery("SHIPPED", "2026-11-06"));
        assertThat(back.status()).as(back.toString()).isEqualTo(422);
        assertThat(back.text("code")).isEqualTo("delivery-status-not-allowed");
        assertThat(back.text("field")).isEqualTo("status");
        assertThat(back.text("from")).isEqualTo("DELIVERED");
        Map<String, Object> otherOrder = delivery("DELIVERED", "2026-11-05");
        otherOrder.put("orderNumber", "SO-2026-0002");
        Response conflicting = deliver(id, otherOrder);
        assertThat(conflicting.status()).as(conflicting.toString()).isEqualTo(409);
        assertThat(conflicting.text("field")).isEqualTo("deliveryNumber");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void refusesABadDeliveryNamingTheFieldAndChangesNothing() {
        String id = registerCompany("Acme Water Systems Ltd.");
        long before = totalEvents();
        Map<String, Object> nothingDelivered = delivery("SHIPPED", null);
        nothingDelivered.remove("items");
        nothingDelivered.remove("amount");
        Map<String, Object> amountWithoutCurrency = delivery("SHIPPED", null);
        amountWithoutCurrency.remove("currency");
        Map<String, Object> unknownStatus = delivery("LOST", null);
        Map<String, Object> noNumber = delivery("SHIPPED", null);
        noNumber.remove("deliveryNumber");
        for (var bad : Map.of("items", nothingDelivered, "currency", amountWithoutCurrency, "status", unknownStatus,
                "deliveryNumber", noNumber).entrySet()) {
            Response refused = deliver(id, bad.getValue());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.text("field")).as(refused.toString()).isEqualTo(bad.getKey());
        }
        Map<String, Object> zeroQuantity = delivery("SHIPPED", null);
        zeroQuantity.put("items", List.of(map("product", "净水器", "quantity", 0)));
        Response refused = deliver(id, zeroQuantity);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("field")).startsWith("items[0].quantity");
        assertThat(totalEvents()).isEqualTo(before);
    }
}
