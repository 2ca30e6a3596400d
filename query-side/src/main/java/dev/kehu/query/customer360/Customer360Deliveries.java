package dev.kehu.query.customer360;

import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.Delivery;
import dev.kehu.query.customer360.Customer360View.OrderDelivery;
import dev.kehu.query.customer360.Customer360View.RecentOrder;
import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The part of {@link Customer360Fold} for deliveries (发货): the {@value #RECENT} last deliveries by shipping day
 * ({@code recentDeliveries}) and the {@value #RECENT} last orders by order day with the status of their deliveries
 * ({@code recentOrders}). The ERP may send a delivery before its order: the order then takes the deliveries of it that
 * are among the recent ones. Both lists are absent before their first event; the stored shape is defined here too.
 */
final class Customer360Deliveries {

    static final int RECENT = 10;
    static final Set<Class<?>> EVENTS = Set.of(DeliveryRecorded.class, DeliveryStatusChanged.class);

    private static final Comparator<Delivery> LATEST_SHIPPED_FIRST = Comparator.comparing(Delivery::shippedOn,
            Comparator.nullsLast(Comparator.<String>reverseOrder()));
    private static final Comparator<RecentOrder> LATEST_ORDERED_FIRST = Comparator.comparing(RecentOrder::orderedOn,
            Comparator.nullsLast(Comparator.<String>reverseOrder()));

    private Customer360Deliveries() {
    }

    /** Applies a delivery event to the draft; false for any other event. */
    static boolean change(Customer360Draft d, Object payload) {
        if (payload instanceof DeliveryRecorded e) {
            List<Delivery> deliveries = d.recentDeliveries == null ? new ArrayList<>() : d.recentDeliveries;
            Customer360Fold.putBy(deliveries, Delivery::deliveryNumber, e.deliveryNumber(), new Delivery(e.deliveryNumber(),
                    e.orderNumber(), Docs.date(e.shippedOn()), Amount.of(e.amount()), Docs.name(e.status()),
                    Docs.date(e.statusOn())));
            d.recentDeliveries = latest(deliveries, LATEST_SHIPPED_FIRST);
            if (d.recentOrders != null) {
                RecentOrder order = Customer360Fold.findBy(d.recentOrders, RecentOrder::orderNumber, e.orderNumber());
                if (order != null && e.orderNumber() != null) {
                    List<OrderDelivery> of = new ArrayList<>(order.deliveries());
                    Customer360Fold.putBy(of, OrderDelivery::deliveryNumber, e.deliveryNumber(),
                            new OrderDelivery(e.deliveryNumber(), Docs.name(e.status())));
                    Customer360Fold.putBy(d.recentOrders, RecentOrder::orderNumber, order.orderNumber(), order(order, of));
                }
            }
        } else if (payload instanceof DeliveryStatusChanged e) {
            if (d.recentDeliveries != null) {
                d.recentDeliveries.replaceAll(r -> Objects.equals(r.deliveryNumber(), e.deliveryNumber())
                        ? new Delivery(r.deliveryNumber(), r.orderNumber(), r.shippedOn(), r.amount(), Docs.name(e.status()),
                        Docs.date(e.statusOn())) : r);
            }
            if (d.recentOrders != null) {
                d.recentOrders.replaceAll(o -> Customer360Fold.findBy(o.deliveries(), OrderDelivery::deliveryNumber,
                        e.deliveryNumber()) == null ? o : order(o, o.deliveries().stream().map(x -> Objects.equals(
                        x.deliveryNumber(), e.deliveryNumber()) ? new OrderDelivery(x.deliveryNumber(), Docs.name(e.status())) : x)
                        .toList()));
            }
        } else {
            return false;
        }
        return true;
    }

    /** An order joins the recent ones (called by the fold's order handling), with its recent deliveries. */
    static void ordered(Customer360Draft d, OrderRecorded e) {
        List<RecentOrder> orders = d.recentOrders == null ? new ArrayList<>() : d.recentOrders;
        List<OrderDelivery> deliveries = new ArrayList<>();
        if (d.recentDeliveries != null && e.orderNumber() != null) {
            d.recentDeliveries.stream().filter(r -> e.orderNumber().equals(r.orderNumber()))
                    .forEach(r -> deliveries.add(new OrderDelivery(r.deliveryNumber(), r.status())));
        }
        Customer360Fold.putBy(orders, RecentOrder::orderNumber, e.orderNumber(), order(new RecentOrder(e.orderNumber(),
                Docs.date(e.orderedOn()), Amount.of(e.amount()), null, List.of()), deliveries));
        d.recentOrders = latest(orders, LATEST_ORDERED_FIRST);
    }

    private static RecentOrder order(RecentOrder order, List<OrderDelivery> deliveries) {
        return new RecentOrder(order.orderNumber(), order.orderedOn(), order.amount(), deliveryStatus(deliveries),
                Customer360Draft.frozen(deliveries));
    }

    /** NOT_SHIPPED without deliveries; RETURNED when one came back; SHIPPED while one is on its way; else DELIVERED. */
    static String deliveryStatus(List<OrderDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return "NOT_SHIPPED";
        }
        for (String status : List.of(DeliveryStatus.RETURNED.name(), DeliveryStatus.SHIPPED.name())) {
            if (deliveries.stream().anyMatch(x -> status.equals(x.status()))) {
                return status;
            }
        }
        return DeliveryStatus.DELIVERED.name();
    }

    /** The first {@value #RECENT} in the order given (stable: on the same day, the one recorded first stays first). */
    private static <T> List<T> latest(List<T> list, Comparator<T> order) {
        List<T> sorted = new ArrayList<>(list);
        sorted.sort(order);
        return new ArrayList<>(sorted.subList(0, Math.min(RECENT, sorted.size())));
    }

    // --- stored shape --------------------------------------------------------------------------

    static Document encode(Delivery r) {
        return new Document("deliveryNumber", r.deliveryNumber()).append("orderNumber", r.orderNumber())
                .append("shippedOn", r.shippedOn()).append("amount", Customer360Documents.money(r.amount()))
                .append("status", r.status()).append("statusOn", r.statusOn());
    }

    static Delivery delivery(Document r) {
        return new Delivery(r.getString("deliveryNumber"), r.getString("orderNumber"), r.getString("shippedOn"),
                Customer360Documents.amount(r.get("amount")), r.getString("status"), r.getString("statusOn"));
    }

    static Document encode(RecentOrder o) {
        return new Document("orderNumber", o.orderNumber()).append("orderedOn", o.orderedOn())
                .append("amount", Customer360Documents.money(o.amount())).append("deliveryStatus", o.deliveryStatus())
                .append("deliveries", list(o.deliveries(), x -> new Document("deliveryNumber", x.deliveryNumber())
                        .append("status", x.status())));
    }

    static RecentOrder order(Document o) {
        List<OrderDelivery> deliveries = new ArrayList<>();
        for (Document x : o.getList("deliveries", Document.class, List.of())) {
            deliveries.add(new OrderDelivery(x.getString("deliveryNumber"), x.getString("status")));
        }
        return new RecentOrder(o.getString("orderNumber"), o.getString("orderedOn"),
                Customer360Documents.amount(o.get("amount")), o.getString("deliveryStatus"),
                Customer360Draft.frozen(deliveries));
    }

    private static <T> List<Document> list(List<T> values, Function<T, Document> encode) {
        return values.stream().map(encode).toList();
    }
}
