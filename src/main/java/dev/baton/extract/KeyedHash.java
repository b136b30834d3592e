package dev.baton.extract;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import dev.baton.warehouse.Sha256;

/**
 * HMAC-SHA256 of personal data (requester emails), computed inside DuckDB so rows never pass through Java one by
 * one: HMAC(k, m) = SHA256((k' xor opad) || SHA256((k' xor ipad) || m)), with k' the key padded to 64 bytes.
 * The key comes only from the environment ({@code BATON_HASH_KEY}); values are trimmed and lower-cased first so
 * the same address always gives the same hash. The pads (key xor ipad/opad) are bound into a temp table of the
 * connection, never written into SQL text: a statement log, an error message or a query plan could give the key away.
 */
final class KeyedHash {

    static final String KEY_VARIABLE = "BATON_HASH_KEY";
    private static final int BLOCK = 64;
    private static final String PADS = "baton_hmac_pads";

    private final byte[] innerPad;
    private final byte[] outerPad;

    private KeyedHash(byte[] key) {
        byte[] padded = new byte[BLOCK];
        byte[] material = key.length > BLOCK ? Sha256.digest(key) : key;
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

    /** The pads (key xor ipad, key xor opad), for an engine that binds them as data too; copies. */
    byte[] innerPad() {
        return innerPad.clone();
    }

    byte[] outerPad() {
        return outerPad.clone();
    }

    /** Puts the pads where {@link #sql} reads them, in a temp table of this connection (not stored in the file). */
    void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp table " + PADS + " (inner_pad blob, outer_pad blob)");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + PADS + " select unhex(?), unhex(?)")) {
            insert.setString(1, HexFormat.of().formatHex(innerPad));
            insert.setString(2, HexFormat.of().formatHex(outerPad));
            insert.executeUpdate();
        }
    }

    /** SQL for the lower-case hex HMAC of a text expression; null stays null. Needs {@link #install} first. */
    String sql(String textExpression) {
        return "sha256((select outer_pad from " + PADS + ") || unhex(sha256((select inner_pad from " + PADS
                + ") || encode(lower(trim(" + textExpression + "))))))";
    }
}
