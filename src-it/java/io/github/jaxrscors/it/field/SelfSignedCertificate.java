package io.github.jaxrscors.it.field;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A certificate for {@code localhost} and {@code 127.0.0.1}, made by openssl for one test class. */
record SelfSignedCertificate(Path certificate, Path key) {

    static SelfSignedCertificate generate(ChildProcesses rig) throws IOException, InterruptedException {
        Path folder = rig.directory();
        SelfSignedCertificate generated = new SelfSignedCertificate(folder.resolve("localhost.crt"), folder.resolve("localhost.key"));
        rig.run("openssl", List.of(Binaries.require("openssl"), "req", "-x509", "-nodes", "-days", "1",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", generated.key().toString(), "-out", generated.certificate().toString()));
        return generated;
    }

    /** TLS that trusts this certificate and nothing else, for clients other than the browser. */
    SSLContext trustedAlone() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("localhost", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
