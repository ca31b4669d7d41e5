package io.nififusion.testkit.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A self-signed certificate with its private key, as an application registration in Microsoft Entra ID accepts for
 * certificate credentials: the public part is registered with the directory, the file with both parts goes to the client.
 */
public final class ServicePrincipalCertificate {
    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private ServicePrincipalCertificate(final KeyPair keyPair, final X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    public static ServicePrincipalCertificate create(final String commonName) {
        final KeyPair keyPair = TestCertificateAuthority.newRsaKeyPair();
        final X500Name name = new X500Name("CN=" + commonName);
        final Instant now = Instant.now();
        try {
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, TestCertificateAuthority.serialNumber(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new ServicePrincipalCertificate(keyPair, TestCertificateAuthority.sign(builder, keyPair.getPrivate()));
        } catch (final CertIOException e) {
            throw new IllegalStateException("Cannot create the certificate", e);
        }
    }

    /** The public certificate, the part registered with the directory. */
    public X509Certificate getCertificate() {
        return certificate;
    }

    /** Writes the certificate and its PKCS#8 private key, unencrypted, in one PEM file. */
    public Path writePem(final Path file) {
        final String text = TestCertificateAuthority.pem("CERTIFICATE", TestCertificateAuthority.encoded(certificate))
                + TestCertificateAuthority.pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the certificate and private key as a PKCS#12 (PFX) file protected by the password. */
    public Path writePkcs12(final Path file, final String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            final KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("client", keyPair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            keyStore.store(out, password.toCharArray());
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the PKCS#12 file", e);
        }
    }
}
