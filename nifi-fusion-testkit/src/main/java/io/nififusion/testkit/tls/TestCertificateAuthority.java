package io.nififusion.testkit.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A certificate authority made up when a test starts: it signs server certificates for {@code 127.0.0.1} and
 * {@code localhost}, and hands its own certificate out as PEM, as a PKCS#12 trust store, or as a client
 * {@link SSLContext} that trusts it and nothing else. It is never in the JVM's default trust store, so a client that
 * connects to a server it signed proves the trust was configured.
 */
public final class TestCertificateAuthority {
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestCertificateAuthority(final KeyPair keyPair, final X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new authority with a fresh 2048-bit RSA key. */
    public static TestCertificateAuthority create(final String commonName) {
        final KeyPair keyPair = newRsaKeyPair();
        final X500Name name = new X500Name("CN=" + commonName + ", O=nifi-fusion tests");
        final Instant now = Instant.now();
        try {
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), name, keyPair.getPublic());
            final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            return new TestCertificateAuthority(keyPair, sign(builder, keyPair.getPrivate()));
        } catch (final CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot create the test certificate authority", e);
        }
    }

    /** The authority's own certificate, the one clients must trust. */
    public X509Certificate getCertificate() {
        return certificate;
    }

    /** The authority's certificate in PEM. */
    public String getCertificatePem() {
        return pem("CERTIFICATE", encoded(certificate));
    }

    /** Writes the authority's certificate as PEM. */
    public Path writeCertificatePem(final Path file) {
        try {
            return Files.writeString(file, getCertificatePem(), StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a PKCS#12 trust store holding the authority's certificate only. */
    public Path writeTrustStore(final Path file, final String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password.toCharArray());
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the trust store", e);
        }
    }

    /** A client TLS context that trusts this authority and nothing else. */
    public SSLContext createClientContext() {
        try {
            final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore());
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), RANDOM);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a client TLS context", e);
        }
    }

    /**
     * A server TLS context with a certificate this authority signed for {@code 127.0.0.1}, {@code ::1} and
     * {@code localhost}: what a loopback server presents.
     */
    public SSLContext createLoopbackServerContext(final String commonName) {
        final KeyPair serverKeys = newRsaKeyPair();
        final Instant now = Instant.now();
        try {
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), new X500Name("CN=" + commonName), serverKeys.getPublic());
            final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
            final X509Certificate serverCertificate = sign(builder, keyPair.getPrivate());

            final char[] password = new char[0];
            final KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", serverKeys.getPrivate(), password, new Certificate[] {serverCertificate, certificate});
            final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, RANDOM);
            return context;
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the server TLS context", e);
        }
    }

    static KeyPair newRsaKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    static BigInteger serialNumber() {
        return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
    }

    static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey)));
        } catch (final OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("Cannot sign the certificate", e);
        }
    }

    static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] encoded(final Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (final CertificateException e) {
            throw new IllegalStateException("Cannot encode the certificate", e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException {
        try {
            final KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("fusion-test-ca", certificate);
            return trustStore;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
