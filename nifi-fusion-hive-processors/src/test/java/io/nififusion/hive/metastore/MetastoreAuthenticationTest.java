package io.nififusion.hive.metastore;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetastoreAuthenticationTest {
    private static final MetastoreUser SIMPLE_USER = new MetastoreUser() {
        @Override
        public UserGroupInformation login() {
            // a user without Kerberos, as a source service configured for simple authentication hands out
            return UserGroupInformation.createRemoteUser("bob");
        }

        @Override
        public String describe() {
            return "bob (the HDFS Source Service's user)";
        }
    };

    @Test
    void acceptsServicePrincipalsWithAHostOrHostPlaceholderAndARealm() {
        assertEquals("hive/_HOST@EXAMPLE.COM", MetastoreAuthentication.checkServerPrincipal(" hive/_HOST@EXAMPLE.COM "));
        assertEquals("hive/hn0-cluster.internal.cloudapp.net@CONTOSO.COM",
                MetastoreAuthentication.checkServerPrincipal("hive/hn0-cluster.internal.cloudapp.net@CONTOSO.COM"));
    }

    @Test
    void rejectsPrincipalsWithoutHostOrRealmNamingTheForm() {
        for (final String invalid : List.of("hive@EXAMPLE.COM", "hive/_HOST", "hive/a/b@EXAMPLE.COM", "hive/_HOST@", "hive /_HOST@EXAMPLE.COM", " ")) {
            final IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> MetastoreAuthentication.checkServerPrincipal(invalid));
            assertTrue(rejected.getMessage().contains("hive/_HOST@EXAMPLE.COM"), rejected.getMessage());
        }
    }

    @Test
    void hostPlaceholderStandsForTheCanonicalNameOfEachMetastoreHost() throws Exception {
        final MetastoreAuthentication authentication = MetastoreAuthentication.kerberos("hive/_HOST@EXAMPLE.COM", SIMPLE_USER);
        final String canonical = InetAddress.getByName("127.0.0.1").getCanonicalHostName().toLowerCase(Locale.ROOT);
        assertEquals("hive/" + canonical + "@EXAMPLE.COM", authentication.resolveServerPrincipal("127.0.0.1"));
        assertEquals("hive/metastore.example.com@EXAMPLE.COM",
                MetastoreAuthentication.kerberos("hive/metastore.example.com@EXAMPLE.COM", SIMPLE_USER).resolveServerPrincipal("127.0.0.1"));
    }

    @Test
    void saslSettingsOfferEveryProtectionSoTheMetastoreChooses() {
        final Configuration configuration = new Configuration(false);
        MetastoreAuthentication.kerberos("hive/_HOST@EXAMPLE.COM", SIMPLE_USER).applyTo(configuration);
        assertEquals("true", configuration.get("metastore.sasl.enabled"));
        assertEquals("hive/_HOST@EXAMPLE.COM", configuration.get("metastore.kerberos.principal"));
        assertEquals("privacy,integrity,authentication", configuration.get("hadoop.rpc.protection"));

        final Configuration plain = new Configuration(false);
        MetastoreAuthentication.none().applyTo(plain);
        assertNull(plain.get("metastore.sasl.enabled"));
        assertFalse(MetastoreAuthentication.none().isSasl());
    }

    @Test
    void aUserWithoutKerberosTicketIsRefusedBeforeAnyConnectionAsUnavailable() throws Exception {
        assertNull(MetastoreAuthentication.none().authenticate("thrift://127.0.0.1:9083"));
        final MetastoreAuthentication authentication = MetastoreAuthentication.kerberos("hive/_HOST@EXAMPLE.COM", SIMPLE_USER);
        final MetastoreReplicationException refused = assertThrows(MetastoreReplicationException.class,
                () -> authentication.authenticate("thrift://127.0.0.1:9083"));
        assertEquals(MetastoreErrorCode.METASTORE_UNAVAILABLE, refused.getCode());
        assertTrue(refused.isTransient());
        assertTrue(refused.getMessage().contains("bob (the HDFS Source Service's user) holds no current Kerberos ticket"), refused.getMessage());
        assertTrue(refused.getMessage().contains("hive/_HOST@EXAMPLE.COM"), refused.getMessage());
    }

    @Test
    void aKerberosConnectionNeedsAUser() {
        assertThrows(IllegalArgumentException.class, () -> MetastoreAuthentication.kerberos("hive/_HOST@EXAMPLE.COM", null));
    }
}
