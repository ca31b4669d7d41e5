package io.nififusion.services.target;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockPropertyContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Microsoft Entra authority a service principal asks for tokens, per cloud, as the properties configure it. */
class ServicePrincipalTest {

    @Test
    void eachCloudGetsTokensFromItsOwnAuthority() {
        assertEquals("https://login.microsoftonline.com/", authorityFor(EndpointSuffix.AZURE_PUBLIC, null, null));
        assertEquals("https://login.chinacloudapi.cn/", authorityFor(EndpointSuffix.AZURE_CHINA, null, null));
        assertEquals("https://login.microsoftonline.us/", authorityFor(EndpointSuffix.AZURE_US_GOVERNMENT, null, null));
    }

    @Test
    void customEndpointsFollowTheirHostOrThePublicCloud() {
        assertEquals("https://login.chinacloudapi.cn/", authorityFor(EndpointSuffix.CUSTOM, "https://contosolake.privatelink.dfs.core.chinacloudapi.cn", null));
        assertEquals("https://login.microsoftonline.com/", authorityFor(EndpointSuffix.CUSTOM, "https://storage.private.example/contosolake", null));
    }

    @Test
    void anAuthorityHostThatIsSetWins() {
        assertEquals("https://login.private-cloud.example/",
                authorityFor(EndpointSuffix.AZURE_PUBLIC, null, "https://login.private-cloud.example/"));
        assertTrue(EndpointSuffix.isCloudAuthorityHost("https://login.microsoftonline.us"));
        assertFalse(EndpointSuffix.isCloudAuthorityHost("https://login.private-cloud.example/"));
        assertFalse(EndpointSuffix.isCloudAuthorityHost("https://127.0.0.1:8443"));
    }

    private static String authorityFor(final EndpointSuffix cloud, final String customEndpoint, final String authorityHost) {
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        properties.put(FusionTargetProperties.STORAGE_ACCOUNT_NAME, "contosolake");
        properties.put(FusionTargetProperties.FILESYSTEM_NAME, "migration");
        properties.put(FusionTargetProperties.ENDPOINT_SUFFIX, cloud.getValue());
        if (customEndpoint != null) {
            properties.put(FusionTargetProperties.CUSTOM_ENDPOINT, customEndpoint);
        }
        properties.put(FusionTargetProperties.AUTHENTICATION_MODE, AuthenticationMode.SERVICE_PRINCIPAL_SECRET.getValue());
        properties.put(FusionTargetProperties.TENANT_ID, "00000000-0000-0000-0000-000000000001");
        properties.put(FusionTargetProperties.CLIENT_ID, "00000000-0000-0000-0000-000000000002");
        properties.put(FusionTargetProperties.CLIENT_SECRET, "not-sent-anywhere");
        if (authorityHost != null) {
            properties.put(FusionTargetProperties.AUTHORITY_HOST, authorityHost);
        }
        final MockPropertyContext context = new MockPropertyContext(properties);
        final StorageEndpoint endpoint = HdInsightDiscovery.resolveEndpoint(context, null);
        final ClientSecretCredentials credentials = (ClientSecretCredentials) StorageCredentials.read(context);
        return credentials.principal().authorityHostFor(endpoint);
    }
}
