package dev.kehu.infra.privacy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM through the JDK ({@code javax.crypto}): a random 96-bit IV per message, a 128-bit tag, and associated data
 * that binds a ciphertext to where it belongs (a subject and a field path, or a subject's wrapped key), so a value
 * copied to another subject or field does not open. Output: IV followed by ciphertext and tag.
 *
 * <p>Hand-written in a few lines rather than Google Tink: the JDK has all we need, and the format (IV ‖ ciphertext)
 * is the one everybody reads.
 */
final class Aead {

    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One cipher per thread: {@code Cipher.getInstance} looks the provider up on every call; {@code init} resets it. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    });

    private Aead() {
    }

    static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + cipher.getOutputSize(plaintext.length));
            cipher.doFinal(plaintext, 0, plaintext.length, out, IV_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** The plaintext, or a {@link GeneralSecurityException} when the key, the data or the associated data differ. */
    static byte[] decrypt(SecretKey key, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short to be AES-GCM output");
        }
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
