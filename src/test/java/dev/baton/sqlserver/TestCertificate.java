package dev.baton.sqlserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool for one test run: the PEM files serve
 * the server, a PKCS#12 trust store holding the certificate the client.
 */
record TestCertificate(Path trustStore, String password, Path certificatePem, Path keyPem) {

    static TestCertificate create(Path folder) throws Exception {
        Path store = folder.resolve("server.p12");
        String password = "changeit";
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "baton", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey("baton", password.toCharArray());
        Certificate certificate = keys.getCertificate("baton");
        Path certificatePem = folder.resolve("server.crt");
        Path keyPem = folder.resolve("server.key");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8, what gRPC's Netty reads
        // the client's trust store holds the certificate alone, as a trusted entry (the driver reads no key entries)
        Path trustStore = folder.resolve("trust.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("baton", certificate);
        try (var out = Files.newOutputStream(trustStore)) {
            trusted.store(out, password.toCharArray());
        }
        return new TestCertificate(trustStore, password, certificatePem, keyPem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
