package io.nififusion.services.target;

import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

import java.util.Locale;

/**
 * A service principal authenticated with a certificate: a PEM file, or a PFX/PKCS#12 file ({@code .pfx}, {@code .p12})
 * with its password. The file is read when the first token is requested.
 */
public record ClientCertificateCredentials(ServicePrincipal principal, String certificatePath, String certificatePassword) implements StorageCredentials {

    public ClientCertificateCredentials {
        certificatePath = InvalidCredentialsException.required(certificatePath, "Client Certificate",
                AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE.getDisplayName());
        certificatePassword = certificatePassword == null || certificatePassword.isEmpty() ? null : certificatePassword;
    }

    /** Whether the file is PFX/PKCS#12 rather than PEM, by its name. */
    public boolean isPfx() {
        final String lowerPath = certificatePath.toLowerCase(Locale.ROOT);
        return lowerPath.endsWith(".pfx") || lowerPath.endsWith(".p12");
    }

    @Override
    public AuthenticationMode mode() {
        return AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE;
    }

    @Override
    public void applyTo(final DataLakeServiceClientBuilder builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                        final int tries) {
        final ClientCertificateCredentialBuilder credential = principal.configure(new ClientCertificateCredentialBuilder(), endpoint, connections, tries);
        if (isPfx()) {
            credential.pfxCertificate(certificatePath);
            if (certificatePassword != null) {
                credential.clientCertificatePassword(certificatePassword);
            }
        } else {
            credential.pemCertificate(certificatePath);
        }
        builder.credential(credential.build());
    }

    @Override
    public String toString() {
        return "ClientCertificateCredentials[tenantId=" + principal.tenantId() + ", clientId=" + principal.clientId()
                + ", certificate=" + certificatePath + "]";
    }
}
