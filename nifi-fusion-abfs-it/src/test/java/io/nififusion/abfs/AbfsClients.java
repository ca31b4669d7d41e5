package io.nififusion.abfs;

import io.nififusion.testkit.adls.AdlsEmulator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;
import org.apache.hadoop.security.ssl.DelegatingSSLSocketFactory;

import java.io.IOException;
import java.net.URI;

/**
 * Hadoop's ABFS driver pointed at the emulator the way a user points it at a loopback endpoint: the {@code IP:port}
 * endpoint, plain HTTP, Shared Key. Nothing tells the driver the account type: it detects the hierarchical namespace
 * from the service's answers, as it does against Azure.
 */
final class AbfsClients {

    private AbfsClients() {
    }

    /** The account's host name in {@code abfs://} URIs; with an IP:port endpoint the driver sends its account name in the path. */
    static String accountHost(final AdlsEmulator emulator) {
        return emulator.getAccountName() + ".dfs.core.windows.net";
    }

    static URI uri(final AdlsEmulator emulator, final String filesystem) {
        return URI.create("abfs://" + filesystem + "@" + accountHost(emulator) + "/");
    }

    /** Settings that make ABFS talk to the emulator, added to {@code conf}. */
    static Configuration configure(final Configuration conf, final AdlsEmulator emulator) throws IOException {
        // ABFS 3.5.0 sets up its TLS socket factory only for an https endpoint, yet its default HTTP client (Apache)
        // needs one even for http: without an https instance earlier in the JVM it fails with "SSL socket factory may
        // not be null". Initialising the factory as such an instance would keeps the default client under test.
        DelegatingSSLSocketFactory.initializeDefaultFactory(DelegatingSSLSocketFactory.SSLChannelMode.Default_JSSE);
        conf.set("fs.azure.abfs.endpoint", "127.0.0.1:" + emulator.getPort());
        conf.setBoolean("fs.azure.always.use.https", false);
        conf.set("fs.azure.account.auth.type", "SharedKey");
        conf.set("fs.azure.account.key." + accountHost(emulator), emulator.getAccountKey());
        return conf;
    }

    /**
     * A new driver instance on the filesystem, which ABFS itself creates when it does not exist yet. Close it while the
     * emulator runs: an instance left to the garbage collector closes itself later and, by default, reports its client
     * metrics to the account then, retrying for minutes against an endpoint that is gone while holding a lock every
     * other ABFS instance of the JVM needs to close.
     */
    static AzureBlobFileSystem open(final AdlsEmulator emulator, final String filesystem) throws IOException {
        final Configuration conf = configure(new Configuration(), emulator);
        conf.setBoolean("fs.azure.createRemoteFileSystemDuringInitialization", true);
        return (AzureBlobFileSystem) FileSystem.newInstance(uri(emulator, filesystem), conf);
    }
}
