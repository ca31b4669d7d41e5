package io.nififusion.testkit.adls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The emulator's tenant: applications with their client secrets and certificates, and the managed identities of the
 * "host" (one system-assigned, any number of user-assigned), each with the object ID of its service principal.
 * Credentials can be removed while the emulator runs, as an administrator withdraws them.
 */
final class IdentityDirectory {
    private final Map<String, Application> applications = new ConcurrentHashMap<>();
    private final Map<String, String> userAssignedIdentities = new ConcurrentHashMap<>();
    private final String systemAssignedObjectId = UUID.randomUUID().toString();
    private final String managedIdentityHeader = UUID.randomUUID().toString();

    /** One application registration. */
    static final class Application {
        private final String clientId;
        private final String objectId = UUID.randomUUID().toString();
        private final Set<String> secrets = ConcurrentHashMap.newKeySet();
        private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();

        private Application(final String clientId) {
            this.clientId = clientId;
        }

        String clientId() {
            return clientId;
        }

        String objectId() {
            return objectId;
        }

        boolean hasSecret(final String secret) {
            return secret != null && secrets.contains(secret);
        }

        /** The registered certificate whose SHA-1 ({@code x5t}) or SHA-256 ({@code x5t#S256}) thumbprint is given. */
        X509Certificate certificateByThumbprint(final String sha1Thumbprint, final String sha256Thumbprint) {
            final String sha1 = base64Url(sha1Thumbprint);
            final String sha256 = base64Url(sha256Thumbprint);
            for (final X509Certificate certificate : certificates) {
                if ((sha1 != null && sha1.equals(thumbprint(certificate, "SHA-1"))) || (sha256 != null && sha256.equals(thumbprint(certificate, "SHA-256")))) {
                    return certificate;
                }
            }
            return null;
        }

        List<X509Certificate> certificates() {
            return List.copyOf(certificates);
        }
    }

    Application application(final String clientId) {
        return clientId == null ? null : applications.get(clientId);
    }

    void addSecret(final String clientId, final String secret) {
        applications.computeIfAbsent(clientId, Application::new).secrets.add(secret);
    }

    void removeSecret(final String clientId, final String secret) {
        final Application application = applications.get(clientId);
        if (application != null) {
            application.secrets.remove(secret);
        }
    }

    void addCertificate(final String clientId, final X509Certificate certificate) {
        applications.computeIfAbsent(clientId, Application::new).certificates.add(certificate);
    }

    void removeCertificate(final String clientId, final X509Certificate certificate) {
        final Application application = applications.get(clientId);
        if (application != null) {
            application.certificates.remove(certificate);
        }
    }

    void addUserAssignedIdentity(final String clientId) {
        userAssignedIdentities.putIfAbsent(clientId, UUID.randomUUID().toString());
    }

    /** Object ID of the user-assigned identity with the client ID, or null when the host has none such. */
    String userAssignedObjectId(final String clientId) {
        return userAssignedIdentities.get(clientId);
    }

    String systemAssignedObjectId() {
        return systemAssignedObjectId;
    }

    /** The secret the host's identity endpoint wants in {@code X-IDENTITY-HEADER} ({@code IDENTITY_HEADER}). */
    String managedIdentityHeader() {
        return managedIdentityHeader;
    }

    /** The same Base64 value in the URL alphabet without padding, however it was written. */
    private static String base64Url(final String value) {
        return value == null ? null : value.replace('+', '-').replace('/', '_').replace("=", "");
    }

    static String thumbprint(final X509Certificate certificate, final String digest) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (final NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot compute the certificate thumbprint", e);
        }
    }
}
