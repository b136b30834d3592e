package dev.baton.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of personal data (requester emails), computed inside DuckDB so rows never pass through Java one by
 * one: HMAC(k, m) = SHA256((k' xor opad) || SHA256((k' xor ipad) || m)), with k' the key padded to 64 bytes.
 * The key comes only from the environment ({@code BATON_HASH_KEY}); values are trimmed and lower-cased first so
 * the same address always gives the same hash.
 */
final class KeyedHash {

    static final String KEY_VARIABLE = "BATON_HASH_KEY";
    private static final int BLOCK = 64;

    private final byte[] innerPad;
    private final byte[] outerPad;

    private KeyedHash(byte[] key) {
        byte[] padded = new byte[BLOCK];
        byte[] material = key.length > BLOCK ? sha256(key) : key;
        System.arraycopy(material, 0, padded, 0, material.length);
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            innerPad[i] = (byte) (padded[i] ^ 0x36);
            outerPad[i] = (byte) (padded[i] ^ 0x5c);
        }
    }

    /** @return the hash, or null when no key is set (a delivery carrying personal data then fails) */
    static KeyedHash fromKey(String key) {
        return key == null || key.isBlank() ? null : new KeyedHash(key.getBytes(StandardCharsets.UTF_8));
    }

    /** SQL for the lower-case hex HMAC of a text expression; null stays null. */
    String sql(String textExpression) {
        HexFormat hex = HexFormat.of();
        return "sha256(unhex('" + hex.formatHex(outerPad) + "') || unhex(sha256(unhex('" + hex.formatHex(innerPad)
                + "') || encode(lower(trim(" + textExpression + "))))))";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
