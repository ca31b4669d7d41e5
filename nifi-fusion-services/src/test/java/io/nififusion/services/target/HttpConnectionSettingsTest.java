package io.nififusion.services.target;

import org.apache.nifi.proxy.ProxyConfiguration;
import org.junit.jupiter.api.Test;

import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpConnectionSettingsTest {

    @Test
    void proxyCredentialsNeedBasicAllowedOnTunnels() {
        final ProxyConfiguration authenticated = proxy("migration", "Proxy-Passw0rd");
        assertTrue(HttpConnectionSettings.basicTunnelingProblem(authenticated, null).contains("bootstrap.conf"));
        assertTrue(HttpConnectionSettings.basicTunnelingProblem(authenticated, "Digest, Basic").contains("-Djdk.http.auth.tunneling.disabledSchemes="));
        assertNull(HttpConnectionSettings.basicTunnelingProblem(authenticated, ""));
        assertNull(HttpConnectionSettings.basicTunnelingProblem(proxy(null, null), null), "a proxy without credentials needs nothing");
        assertNull(HttpConnectionSettings.basicTunnelingProblem(ProxyConfiguration.DIRECT_CONFIGURATION, null));
    }

    @Test
    void proxyAuthorizationIsBasicAndTheDescriptionNeverNamesThePassword() {
        final HttpConnectionSettings settings = new HttpConnectionSettings(null, proxy("migration", "Proxy-Passw0rd"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("migration:Proxy-Passw0rd".getBytes(StandardCharsets.UTF_8)), settings.proxyAuthorization());
        assertEquals("HTTP proxy proxy.corp.example:3128 as migration, the JVM's default trust store", settings.describe());
        assertFalse(settings.describe().contains("Proxy-Passw0rd"));
        assertNull(HttpConnectionSettings.DEFAULTS.proxyAuthorization());
        assertEquals("direct connections, the JVM's default trust store", HttpConnectionSettings.DEFAULTS.describe());
    }

    private static ProxyConfiguration proxy(final String user, final String password) {
        final ProxyConfiguration proxy = new ProxyConfiguration();
        proxy.setProxyType(Proxy.Type.HTTP);
        proxy.setProxyServerHost("proxy.corp.example");
        proxy.setProxyServerPort(3128);
        proxy.setProxyUserName(user);
        proxy.setProxyUserPassword(password);
        return proxy;
    }
}
