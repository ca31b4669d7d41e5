package io.nififusion.services.target;

import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockPropertyContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One credential type per authentication mode: what each accepts, what it refuses and how it says so, and that none leaks its secret. */
class StorageCredentialsTest {
    private static final String ACCOUNT_KEY = "a2V5LW5vdC11c2VkLWluLXRoaXMtdGVzdA==";
    private static final String SAS = "sv=2025-01-05&se=2030-01-01&sp=racwdlm&sig=c2lnbmF0dXJlLXZhbHVl";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "00000000-0000-0000-0000-000000000001";

    @Test
    void accountKeyMustBeBase64() {
        final AccountKeyCredentials credentials = new AccountKeyCredentials("  " + ACCOUNT_KEY + "\n");
        assertEquals(ACCOUNT_KEY, credentials.accountKey());
        assertEquals(AuthenticationMode.ACCOUNT_KEY, credentials.mode());

        assertRefused("Account Key", "Account Key is not Base64: copy key1 or key2 of the storage account's Access keys",
                () -> new AccountKeyCredentials("not base64 at all!"));
        assertRefused("Account Key", "Account Key is required for Account Key", () -> new AccountKeyCredentials(" "));
    }

    @Test
    void sasTokenKeepsNoLeadingQuestionMarkAndNeedsItsSignature() {
        assertEquals(SAS, new SasTokenCredentials("?" + SAS).sasToken());
        assertEquals(SAS, new SasTokenCredentials(SAS).sasToken());
        assertRefused("SAS Token", "SAS Token has no signature (sig=...): give the whole query string of the SAS",
                () -> new SasTokenCredentials("sv=2025-01-05&se=2030-01-01&sp=rwdl"));
        assertRefused("SAS Token", "SAS Token is required for SAS Token", () -> new SasTokenCredentials(null));
    }

    @Test
    void servicePrincipalNeedsTenantClientAndAnHttpsAuthority() {
        final ServicePrincipal principal = new ServicePrincipal(TENANT, CLIENT, " ");
        assertNull(principal.authorityHost());
        assertEquals("https://login.microsoftonline.us/", new ServicePrincipal(TENANT, CLIENT, "https://login.microsoftonline.us/").authorityHost());

        assertRefused("Tenant ID", "Tenant ID is required for a service principal", () -> new ServicePrincipal(null, CLIENT, null));
        assertRefused("Client ID", "Client ID is required for a service principal", () -> new ServicePrincipal(TENANT, "", null));
        assertRefused("Authority Host", "Authority Host must use https:// (Microsoft Entra ID clients refuse plain HTTP authorities)",
                () -> new ServicePrincipal(TENANT, CLIENT, "http://127.0.0.1:10004"));
    }

    @Test
    void clientSecretNeedsTheSecret() {
        final ClientSecretCredentials credentials = new ClientSecretCredentials(new ServicePrincipal(TENANT, CLIENT, null), "sp-secret-value");
        assertEquals(AuthenticationMode.SERVICE_PRINCIPAL_SECRET, credentials.mode());
        assertEquals("ClientSecretCredentials[tenantId=" + TENANT + ", clientId=" + CLIENT + "]", credentials.toString());
        assertRefused("Client Secret", "Client Secret is required for Service Principal with Client Secret",
                () -> new ClientSecretCredentials(new ServicePrincipal(TENANT, CLIENT, null), null));
    }

    @Test
    void clientCertificateTellsPfxFromPemByName() {
        final ServicePrincipal principal = new ServicePrincipal(TENANT, CLIENT, null);
        assertTrue(new ClientCertificateCredentials(principal, "/etc/nifi/client.PFX", "pw").isPfx());
        assertTrue(new ClientCertificateCredentials(principal, "/etc/nifi/client.p12", null).isPfx());
        final ClientCertificateCredentials pem = new ClientCertificateCredentials(principal, "/etc/nifi/client.pem", "");
        assertFalse(pem.isPfx());
        assertNull(pem.certificatePassword());
        assertEquals(AuthenticationMode.SERVICE_PRINCIPAL_CERTIFICATE, pem.mode());
        assertRefused("Client Certificate", "Client Certificate is required for Service Principal with Certificate",
                () -> new ClientCertificateCredentials(principal, null, null));
    }

    @Test
    void managedIdentityIsSystemAssignedWithoutClientId() {
        assertNull(new ManagedIdentityCredentials(" ").clientId());
        assertEquals(CLIENT, new ManagedIdentityCredentials(CLIENT).clientId());
        assertEquals(AuthenticationMode.MANAGED_IDENTITY, new ManagedIdentityCredentials(null).mode());
    }

    @Test
    void noTypeNamesItsSecret() {
        final String secret = "Client-Secret-Value-7Q~never-logged";
        final List<StorageCredentials> all = List.of(new AccountKeyCredentials(ACCOUNT_KEY), new SasTokenCredentials(SAS),
                new ClientSecretCredentials(new ServicePrincipal(TENANT, CLIENT, null), secret),
                new ClientCertificateCredentials(new ServicePrincipal(TENANT, CLIENT, null), "/etc/nifi/client.pfx", secret),
                new ManagedIdentityCredentials(CLIENT));
        for (final StorageCredentials credentials : all) {
            final String text = credentials.toString();
            assertFalse(text.contains(ACCOUNT_KEY) || text.contains("sig=") || text.contains(secret), text);
        }
    }

    @Test
    void everyTypeBuildsAClientWithoutNetwork() {
        final List<StorageCredentials> all = List.of(new AccountKeyCredentials(ACCOUNT_KEY), new SasTokenCredentials(SAS),
                new ClientSecretCredentials(new ServicePrincipal(TENANT, CLIENT, "https://login.microsoftonline.us/"), "sp-secret-value"),
                new ClientCertificateCredentials(new ServicePrincipal(TENANT, CLIENT, null), "/nonexistent/read-when-a-token-is-requested.pem", null),
                new ManagedIdentityCredentials(null));
        for (final StorageCredentials credentials : all) {
            final DataLakeServiceClientBuilder builder = new DataLakeServiceClientBuilder().endpoint("https://contosolake.dfs.core.windows.net");
            credentials.applyTo(builder, StorageEndpoint.forCloud("contosolake", "migration", EndpointSuffix.AZURE_PUBLIC.getSuffix()), HttpConnectionSettings.DEFAULTS, 3);
            final DataLakeServiceClient client = builder.buildClient();
            assertEquals("contosolake", client.getAccountName(), credentials.toString());
        }
    }

    @Test
    void readBuildsTheTypeOfTheSelectedModeFromItsPropertiesOnly() {
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        properties.put(FusionTargetProperties.ACCOUNT_KEY, ACCOUNT_KEY);
        properties.put(FusionTargetProperties.TENANT_ID, TENANT);
        properties.put(FusionTargetProperties.CLIENT_ID, CLIENT);
        properties.put(FusionTargetProperties.CLIENT_SECRET, "sp-secret-value");
        properties.put(FusionTargetProperties.AUTHORITY_HOST, "https://login.chinacloudapi.cn/");
        assertInstanceOf(AccountKeyCredentials.class, StorageCredentials.read(new MockPropertyContext(properties)), "the default mode");

        properties.put(FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET.getValue());
        final ClientSecretCredentials servicePrincipal = assertInstanceOf(ClientSecretCredentials.class, StorageCredentials.read(new MockPropertyContext(properties)));
        assertEquals(new ServicePrincipal(TENANT, CLIENT, "https://login.chinacloudapi.cn/"), servicePrincipal.principal());

        properties.put(FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.MANAGED_IDENTITY.getValue());
        assertEquals(new ManagedIdentityCredentials(null), StorageCredentials.read(new MockPropertyContext(properties)));

        properties.put(FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SAS_TOKEN.getValue());
        assertRefused("SAS Token", "SAS Token is required for SAS Token", () -> StorageCredentials.read(new MockPropertyContext(properties)));
    }

    private static void assertRefused(final String property, final String message, final Runnable construction) {
        final InvalidCredentialsException refused = assertThrows(InvalidCredentialsException.class, construction::run);
        assertEquals(property, refused.getProperty());
        assertEquals(message, refused.getMessage());
    }
}
