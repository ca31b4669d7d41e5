package io.nififusion.services.target;

/**
 * The credential settings of one authentication mode. {@link #toString()} names the mode and non-secret identifiers only.
 *
 * @param mode authentication mode
 * @param accountKey storage account key ({@link AuthenticationMode#ACCOUNT_KEY})
 * @param sasToken SAS token, with or without a leading {@code ?} ({@link AuthenticationMode#SAS_TOKEN})
 * @param tenantId Microsoft Entra tenant (service principal modes)
 * @param clientId application client ID (service principal modes)
 * @param clientSecret client secret ({@link AuthenticationMode#SERVICE_PRINCIPAL_SECRET})
 * @param clientCertificatePath PEM or PFX file ({@link AuthenticationMode#SERVICE_PRINCIPAL_CERTIFICATE})
 * @param clientCertificatePassword PFX password, null for PEM
 * @param managedIdentityClientId client ID of a user-assigned identity, null for the system-assigned one
 * @param authorityHost Microsoft Entra authority host, null for the public cloud's
 */
public record StorageCredentials(
        AuthenticationMode mode,
        String accountKey,
        String sasToken,
        String tenantId,
        String clientId,
        String clientSecret,
        String clientCertificatePath,
        String clientCertificatePassword,
        String managedIdentityClientId,
        String authorityHost) {

    public static StorageCredentials accountKey(final String accountKey) {
        return new StorageCredentials(AuthenticationMode.ACCOUNT_KEY, accountKey, null, null, null, null, null, null, null, null);
    }

    public static StorageCredentials sasToken(final String sasToken) {
        return new StorageCredentials(AuthenticationMode.SAS_TOKEN, null, sasToken, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "StorageCredentials[mode=" + mode.getDisplayName()
                + (clientId == null ? "" : ", clientId=" + clientId)
                + (tenantId == null ? "" : ", tenantId=" + tenantId)
                + (managedIdentityClientId == null ? "" : ", managedIdentityClientId=" + managedIdentityClientId) + "]";
    }
}
