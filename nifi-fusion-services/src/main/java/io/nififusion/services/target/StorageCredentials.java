package io.nififusion.services.target;

import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;

/**
 * The credential of one authentication mode, one type per mode. Each type checks its own values when it is built
 * ({@link InvalidCredentialsException} names the property and never repeats a secret), and its {@code toString()}
 * names the mode and non-secret identifiers only.
 */
public sealed interface StorageCredentials
        permits AccountKeyCredentials, SasTokenCredentials, ClientSecretCredentials, ClientCertificateCredentials, ManagedIdentityCredentials {

    AuthenticationMode mode();

    /**
     * Sets this credential on a client builder for the endpoint's account; nothing is sent until a client is used. Token
     * requests go with the same TLS and proxy settings as storage requests (the host's managed identity endpoint excepted,
     * which is local to the host and never proxied), and are tried as often as storage requests.
     */
    void applyTo(DataLakeServiceClientBuilder builder, StorageEndpoint endpoint, HttpConnectionSettings connections, int tries);

    /** The credential the properties configure for the selected Authentication Mode. */
    static StorageCredentials read(final PropertyContext context) {
        final AuthenticationMode mode = context.getProperty(FusionTargetProperties.AUTHENTICATION_MODE).asAllowableValue(AuthenticationMode.class);
        return switch (mode) {
            case ACCOUNT_KEY -> new AccountKeyCredentials(value(context, FusionTargetProperties.ACCOUNT_KEY));
            case SAS_TOKEN -> new SasTokenCredentials(value(context, FusionTargetProperties.SAS_TOKEN));
            case SERVICE_PRINCIPAL_SECRET -> new ClientSecretCredentials(servicePrincipal(context), value(context, FusionTargetProperties.CLIENT_SECRET));
            case SERVICE_PRINCIPAL_CERTIFICATE -> new ClientCertificateCredentials(servicePrincipal(context),
                    value(context, FusionTargetProperties.CLIENT_CERTIFICATE), value(context, FusionTargetProperties.CLIENT_CERTIFICATE_PASSWORD));
            case MANAGED_IDENTITY -> new ManagedIdentityCredentials(value(context, FusionTargetProperties.MANAGED_IDENTITY_CLIENT_ID));
        };
    }

    private static ServicePrincipal servicePrincipal(final PropertyContext context) {
        return new ServicePrincipal(value(context, FusionTargetProperties.TENANT_ID), value(context, FusionTargetProperties.CLIENT_ID),
                value(context, FusionTargetProperties.AUTHORITY_HOST));
    }

    private static String value(final PropertyContext context, final PropertyDescriptor descriptor) {
        final String value = context.getProperty(descriptor).getValue();
        return value == null || value.isBlank() ? null : value.strip();
    }
}
