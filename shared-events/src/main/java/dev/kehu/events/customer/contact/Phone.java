package dev.kehu.events.customer.contact;

import java.util.Objects;

/**
 * A phone number as entered and in normalized form ({@link PhoneNormalizer}, the one normalizer that
 * search documents and search queries use too): 138-0013-8000, +86 138 0013 8000, 0086 138 0013 8000 and
 * 8613800138000 all normalize to 13800138000; 0086-755-8601 3388 to 075586013388; (852) 2345 6789 to
 * +85223456789. An extension (转 801, 分机 801, ext. 801, x801, #801, -801 after a complete number)
 * stays in the entered form and is dropped from the normalized one, so the number with an extension is
 * the same number (for uniqueness and for search).
 */
public record Phone(String entered, String normalized) {

    public Phone {
        Objects.requireNonNull(entered, "entered");
        Objects.requireNonNull(normalized, "normalized");
    }

    public static Phone of(String entered) {
        return new Phone(entered, normalize(entered));
    }

    public static String normalize(String entered) {
        return PhoneNormalizer.normalizeLeniently(entered);
    }
}
