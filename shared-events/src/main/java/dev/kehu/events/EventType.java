package dev.kehu.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name an event is stored under (the {@code type} of its stored document), fixed once and for all.
 *
 * <p>The stored type is part of every event's hash, so it can never change; the Java class can. Events written
 * before this annotation existed keep their class name of that time as their name
 * ({@code "dev.kehu.events.customer.ContactAdded"}), wherever the class lives now. A new event takes a short name,
 * its simple class name ({@code "CreditLimitRaised"}), and keeps it when the class is renamed or moved.
 * Every event is listed in {@code dev.kehu.events.registry.EventTypes}; the serializer writes and reads this name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The stored name: never empty, unique among all events, never changed once an event was stored. */
    String value();
}
