package io.nififusion.services.target;

import org.apache.nifi.components.DescribedValue;

/** How the service authenticates to the storage account. */
public enum AuthenticationMode implements DescribedValue {
    ACCOUNT_KEY("Account Key", "Shared Key signature with a storage account access key", false),
    SAS_TOKEN("SAS Token", "Shared Access Signature (account or container SAS) appended to every request", false),
    SERVICE_PRINCIPAL_SECRET("Service Principal with Client Secret",
            "Microsoft Entra ID application (tenant, client ID) authenticated with a client secret", true),
    SERVICE_PRINCIPAL_CERTIFICATE("Service Principal with Certificate",
            "Microsoft Entra ID application (tenant, client ID) authenticated with a certificate (PEM or PFX)", true),
    MANAGED_IDENTITY("Managed Identity",
            "The Azure managed identity of the host NiFi runs on (system-assigned, or user-assigned by client ID)", true);

    private final String displayName;
    private final String description;
    private final boolean bearerToken;

    AuthenticationMode(final String displayName, final String description, final boolean bearerToken) {
        this.displayName = displayName;
        this.description = description;
        this.bearerToken = bearerToken;
    }

    /** Whether the mode sends Microsoft Entra ID bearer tokens, which the Azure SDK sends over HTTPS only. */
    public boolean usesBearerToken() {
        return bearerToken;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
