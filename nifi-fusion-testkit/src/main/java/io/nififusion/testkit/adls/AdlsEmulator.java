package io.nififusion.testkit.adls;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.nififusion.testkit.tls.TestCertificateAuthority;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Azure Data Lake Storage Gen2 account on loopback that the real Azure Storage SDK talks to over HTTP and HTTPS, with
 * the account name as the first path segment ({@code http://127.0.0.1:PORT/<account>}, {@code https://127.0.0.1:TLSPORT/<account>}).
 * It serves the DFS endpoint and the Blob endpoint calls that the DataLake SDK makes, checks Shared Key, SAS and bearer
 * credentials, keeps file bytes on disk, and injects faults on demand.
 * <p>
 * The HTTPS listener presents a certificate signed by a certificate authority made up at start
 * ({@link #getCertificateAuthority()}), which no JVM trusts by default. It also serves a tenant of Microsoft Entra ID
 * (the v2 token endpoint: client secrets and certificate assertions, {@link #getHttpsAuthorityHost()}) and a host's
 * managed identity endpoint in the App Service form ({@link #getManagedIdentityEndpoint()}); the storage endpoint takes
 * the JWTs they sign, over HTTPS only, and checks signature, audience, tenant, lifetime and revocation.
 *
 * <pre>{@code
 * try (AdlsEmulator emulator = AdlsEmulator.builder().build().start()) {
 *     DataLakeServiceClient client = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
 *         .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient();
 * }
 * }</pre>
 */
public final class AdlsEmulator implements AutoCloseable {

    /** Account name used when none is given. */
    public static final String DEFAULT_ACCOUNT_NAME = "fusionemulator";
    /** Base64 account key used when none is given (a fixed, well-known test value like Azurite's). */
    public static final String DEFAULT_ACCOUNT_KEY = "ZnVzaW9uLWVtdWxhdG9yLWFjY291bnQta2V5LW5vdC1hLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm";
    /** Tenant (directory) ID of the emulator's Microsoft Entra tenant when none is given. */
    public static final String DEFAULT_TENANT_ID = "fusion-tenant";
    /** Client ID of the application registered in the tenant when none is given. */
    public static final String DEFAULT_CLIENT_ID = "fusion-client";
    /** Client secret of that application when none is given. */
    public static final String DEFAULT_CLIENT_SECRET = "fusion-client-secret";

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final int REQUEST_LOG_CAPACITY = 100_000;
    private static final int DEFAULT_MAX_LIST_RESULTS = 5000;

    private final int requestedPort;
    private final int requestedHttpsPort;
    private final String accountName;
    private final String accountKey;
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final Path configuredDataDirectory;
    private final int threads;
    private final List<Filter> filters;
    private final AdlsFaultInjector faults = new AdlsFaultInjector();
    private final ConcurrentLinkedDeque<RecordedRequest> requestLog = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requestLogSize = new AtomicInteger();
    private final IdentityDirectory directory = new IdentityDirectory();
    private final AccessTokenIssuer tokenIssuer;
    private final TokenEndpoint tokenEndpoint;
    private final TestCertificateAuthority certificateAuthority;
    private final Clock clock;
    private volatile int maxListResults = DEFAULT_MAX_LIST_RESULTS;
    private volatile boolean flushMd5Checked;
    private Path dataDirectory;
    private boolean ownsDataDirectory;
    private PathStore store;
    private HttpServer server;
    private HttpsServer httpsServer;
    private ExecutorService executor;

    /*
     * The JDK HTTP server keeps Nagle's algorithm on unless this property is true when its configuration is first
     * loaded, once per JVM (the first HttpServer.create); then every small answer waits ~40 ms for the client's
     * delayed ACK. A value set on the command line is left alone.
     */
    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private AdlsEmulator(final Builder builder) {
        this.requestedPort = builder.port;
        this.requestedHttpsPort = builder.httpsPort;
        this.accountName = builder.accountName;
        this.accountKey = builder.accountKey;
        this.tenantId = builder.tenantId;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.configuredDataDirectory = builder.dataDirectory;
        this.threads = builder.threads;
        this.clock = builder.clock;
        this.tokenIssuer = new AccessTokenIssuer(tenantId, builder.clock);
        this.tokenEndpoint = new TokenEndpoint(tenantId, directory, tokenIssuer);
        this.certificateAuthority = TestCertificateAuthority.create("nifi-fusion ADLS emulator CA");
        directory.addSecret(clientId, clientSecret);
        for (final Map.Entry<String, X509Certificate> certificate : builder.certificates.entrySet()) {
            directory.addCertificate(certificate.getKey(), certificate.getValue());
        }
        for (final String identity : builder.userAssignedIdentities) {
            directory.addUserAssignedIdentity(identity);
        }
        this.filters = List.copyOf(builder.filters);
    }

    /** @return a builder with port 0 (ephemeral), the default account, key, tenant and a temporary data directory */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds 127.0.0.1 (one port for HTTP, one for HTTPS) and starts serving.
     *
     * @return this emulator
     */
    public synchronized AdlsEmulator start() {
        if (server != null) {
            throw new IllegalStateException("The emulator is already started");
        }
        try {
            if (configuredDataDirectory == null) {
                dataDirectory = Files.createTempDirectory("adls-emulator-");
                ownsDataDirectory = true;
            } else {
                dataDirectory = Files.createDirectories(configuredDataDirectory);
            }
            store = new PathStore(dataDirectory);
            final RequestAuthenticator authenticator = new RequestAuthenticator(accountName, accountKey, tokenIssuer, clock);
            final AdlsRequestHandler handler = new AdlsRequestHandler(this, store, authenticator, tokenEndpoint);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
            httpsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedHttpsPort), 256);
            httpsServer.setHttpsConfigurator(new HttpsConfigurator(certificateAuthority.createLoopbackServerContext("127.0.0.1")));
            executor = Executors.newFixedThreadPool(threads, new EmulatorThreadFactory());
            server.setExecutor(executor);
            httpsServer.setExecutor(executor);
            server.createContext("/", handler).getFilters().addAll(filters);
            httpsServer.createContext("/", handler).getFilters().addAll(filters);
            server.start();
            httpsServer.start();
            return this;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start the ADLS emulator", e);
        }
    }

    /** Stops serving and deletes the data directory when the emulator created it. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            httpsServer.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            httpsServer = null;
        }
        if (ownsDataDirectory && dataDirectory != null) {
            deleteTree(dataDirectory);
            ownsDataDirectory = false;
        }
    }

    /** @return {@code http://127.0.0.1:PORT/<account>}, the endpoint to give the DataLake (and Blob) SDK */
    public String getEndpoint() {
        return "http://127.0.0.1:" + getPort() + "/" + accountName;
    }

    /** @return {@code https://127.0.0.1:TLSPORT/<account>}, the endpoint over TLS, the only one bearer tokens are taken at */
    public String getHttpsEndpoint() {
        return getHttpsAuthorityHost() + "/" + accountName;
    }

    /** @return {@code https://127.0.0.1:TLSPORT}, the Microsoft Entra authority host of the emulator's tenant */
    public String getHttpsAuthorityHost() {
        return "https://127.0.0.1:" + getHttpsPort();
    }

    /** @return {@code https://127.0.0.1:TLSPORT/<tenant>/oauth2/v2.0/token}, where client credentials buy a bearer token */
    public String getTokenEndpoint() {
        return getHttpsAuthorityHost() + "/" + tenantId + "/oauth2/v2.0/token";
    }

    /**
     * @return {@code http://127.0.0.1:PORT/msi/token}, the host's managed identity endpoint in the App Service form: the
     * value of {@code IDENTITY_ENDPOINT} for a process that should find it, with {@link #getManagedIdentityHeader()} as
     * {@code IDENTITY_HEADER}. Like App Service's, it is plain HTTP on loopback.
     */
    public String getManagedIdentityEndpoint() {
        return "http://127.0.0.1:" + getPort() + TokenEndpoint.MANAGED_IDENTITY_PATH;
    }

    /** @return the secret the managed identity endpoint wants in {@code X-IDENTITY-HEADER} */
    public String getManagedIdentityHeader() {
        return directory.managedIdentityHeader();
    }

    /** @return the certificate authority that signed the HTTPS listener's certificate */
    public TestCertificateAuthority getCertificateAuthority() {
        return certificateAuthority;
    }

    /** @return the HTTPS port actually bound */
    public int getHttpsPort() {
        final HttpsServer running = httpsServer;
        if (running == null) {
            throw new IllegalStateException("The emulator is not started");
        }
        return running.getAddress().getPort();
    }

    /** @return the port actually bound */
    public int getPort() {
        final HttpServer running = server;
        if (running == null) {
            throw new IllegalStateException("The emulator is not started");
        }
        return running.getAddress().getPort();
    }

    public String getAccountName() {
        return accountName;
    }

    /** @return the Base64 account key that Shared Key signatures and SAS tokens must be made with */
    public String getAccountKey() {
        return accountKey;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** @return where file bytes are kept */
    public Path getDataDirectory() {
        return dataDirectory;
    }

    /** @return the fault injector of this emulator */
    public AdlsFaultInjector faults() {
        return faults;
    }

    /** @return requests received so far, oldest first (the newest 100,000 are kept) */
    public List<RecordedRequest> requestLog() {
        return new ArrayList<>(requestLog);
    }

    public void clearRequestLog() {
        requestLog.clear();
        requestLogSize.set(0);
    }

    /**
     * Caps the page size of every listing and the number of paths removed per call of a recursive delete, whatever
     * the client asks for, to force paging with continuation tokens.
     *
     * @param maxListResults the cap, at least 1 (5000 by default, the service's maximum)
     */
    public void setMaxListResults(final int maxListResults) {
        if (maxListResults < 1) {
            throw new IllegalArgumentException("maxListResults must be at least 1");
        }
        this.maxListResults = maxListResults;
    }

    public int getMaxListResults() {
        return maxListResults;
    }

    /**
     * Whether a flush carrying {@code x-ms-content-md5} is refused with 400 {@code Md5Mismatch} when the hash differs
     * from the flushed bytes. Off by default, like the service, which stores that value and returns it as the file's
     * Content-MD5 without validating it; switch it on in a test that wants a wrong whole-file hash to fail loudly.
     * The per-append {@code Content-MD5} is always checked, as the service does.
     *
     * @param checked true to check
     */
    public void setFlushMd5Checked(final boolean checked) {
        this.flushMd5Checked = checked;
    }

    public boolean isFlushMd5Checked() {
        return flushMd5Checked;
    }

    /** @param lifetime lifetime of bearer tokens issued from now on (one hour by default) */
    public void setTokenLifetime(final Duration lifetime) {
        tokenIssuer.setLifetime(Objects.requireNonNull(lifetime));
    }

    /** Makes every bearer token issued so far invalid, as continuous access evaluation does after a credential is withdrawn. */
    public void revokeTokens() {
        tokenIssuer.revokeAll();
    }

    /** @return how many access tokens the token and managed identity endpoints have issued */
    public int getTokensIssued() {
        return tokenIssuer.issuedCount();
    }

    /** @return how many requests the token and managed identity endpoints have answered, granted or refused */
    public int getTokenRequests() {
        return tokenEndpoint.requestCount();
    }

    /** Adds a client secret to an application of the tenant (registering the application if it is new). */
    public void addClientSecret(final String applicationClientId, final String secret) {
        directory.addSecret(applicationClientId, secret);
    }

    /** Withdraws a client secret: token requests with it are refused from now on. */
    public void removeClientSecret(final String applicationClientId, final String secret) {
        directory.removeSecret(applicationClientId, secret);
    }

    /** Registers a certificate credential (its public certificate) for an application of the tenant. */
    public void addClientCertificate(final String applicationClientId, final X509Certificate certificate) {
        directory.addCertificate(applicationClientId, certificate);
    }

    /** Withdraws a certificate credential. */
    public void removeClientCertificate(final String applicationClientId, final X509Certificate certificate) {
        directory.removeCertificate(applicationClientId, certificate);
    }

    /** Gives the host a user-assigned managed identity with the client ID. */
    public void addUserAssignedIdentity(final String identityClientId) {
        directory.addUserAssignedIdentity(identityClientId);
    }

    /**
     * Flips (bitwise NOT) one committed byte of a file behind the clients' back; ETag, Content-MD5 and length stay.
     *
     * @param fileSystem filesystem name
     * @param path path inside the filesystem, without a leading slash
     * @param offset offset of the byte, within the committed length
     */
    public void corruptStoredBytes(final String fileSystem, final String path, final long offset) {
        requireStarted().corrupt(fileSystem, stripSlashes(path), offset);
    }

    /** @return true when the filesystem holds the path (file or directory), read directly from the store */
    public boolean exists(final String fileSystem, final String path) {
        try {
            requireStarted().getPath(fileSystem, stripSlashes(path), false);
            return true;
        } catch (final AdlsServiceException e) {
            return false;
        }
    }

    void record(final RecordedRequest request) {
        requestLog.addLast(request);
        if (requestLogSize.incrementAndGet() > REQUEST_LOG_CAPACITY && requestLog.pollFirst() != null) {
            requestLogSize.decrementAndGet();
        }
    }

    private PathStore requireStarted() {
        if (store == null) {
            throw new IllegalStateException("The emulator is not started");
        }
        return store;
    }

    private static String stripSlashes(final String path) {
        String stripped = path;
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    private static void deleteTree(final Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path directory, final IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException ignored) {
            // a temporary directory left behind does no harm
        }
    }

    private static final class EmulatorThreadFactory implements ThreadFactory {
        private final AtomicInteger counter = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable) {
            final Thread thread = new Thread(runnable, "adls-emulator-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Settings of an {@link AdlsEmulator}. */
    public static final class Builder {
        private int port;
        private int httpsPort;
        private Clock clock = Clock.systemUTC();
        private final Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        private final List<String> userAssignedIdentities = new ArrayList<>();
        private String accountName = DEFAULT_ACCOUNT_NAME;
        private String accountKey = DEFAULT_ACCOUNT_KEY;
        private String tenantId = DEFAULT_TENANT_ID;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private Path dataDirectory;
        private int threads = 48;
        private final List<Filter> filters = new ArrayList<>();

        private Builder() {
        }

        /** @param port port to bind on 127.0.0.1, 0 for an ephemeral one */
        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        /** @param httpsPort port to bind on 127.0.0.1 for HTTPS, 0 for an ephemeral one */
        public Builder httpsPort(final int httpsPort) {
            this.httpsPort = httpsPort;
            return this;
        }

        /**
         * @param clock what SAS start and expiry, issued tokens and the checks of their lifetime read the time from (the
         *     system clock by default)
         */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Registers a certificate credential for an application of the tenant. */
        public Builder clientCertificate(final String applicationClientId, final X509Certificate certificate) {
            certificates.put(Objects.requireNonNull(applicationClientId), Objects.requireNonNull(certificate));
            return this;
        }

        /** Gives the host a user-assigned managed identity with the client ID, besides its system-assigned one. */
        public Builder userAssignedIdentity(final String identityClientId) {
            userAssignedIdentities.add(Objects.requireNonNull(identityClientId));
            return this;
        }

        public Builder accountName(final String accountName) {
            this.accountName = Objects.requireNonNull(accountName);
            return this;
        }

        /** @param accountKey Base64 account key */
        public Builder accountKey(final String accountKey) {
            Base64.getDecoder().decode(accountKey);
            this.accountKey = accountKey;
            return this;
        }

        public Builder tenantId(final String tenantId) {
            this.tenantId = Objects.requireNonNull(tenantId);
            return this;
        }

        /** The application (client ID) and client secret the token endpoint accepts. */
        public Builder servicePrincipal(final String clientId, final String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId);
            this.clientSecret = Objects.requireNonNull(clientSecret);
            return this;
        }

        /** @param dataDirectory where file bytes are kept; kept after close (a temporary directory otherwise) */
        public Builder dataDirectory(final Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** @param threads request-serving threads (48 by default) */
        public Builder threads(final int threads) {
            this.threads = threads;
            return this;
        }

        /** @param filter runs around every request, in the order added (e.g. a request tally, a shaped link) */
        public Builder filter(final Filter filter) {
            this.filters.add(Objects.requireNonNull(filter));
            return this;
        }

        public AdlsEmulator build() {
            return new AdlsEmulator(this);
        }
    }
}
