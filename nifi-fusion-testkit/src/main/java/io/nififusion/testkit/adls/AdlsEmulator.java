package io.nififusion.testkit.adls;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Azure Data Lake Storage Gen2 account on loopback that the real Azure Storage SDK talks to over HTTP, with the
 * account name as the first path segment ({@code http://127.0.0.1:PORT/<account>}). It serves the DFS endpoint and
 * the Blob endpoint calls that the DataLake SDK makes, checks Shared Key, SAS and bearer credentials, keeps file bytes
 * on disk, and injects faults on demand.
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
    /** Tenant of the fake OAuth endpoint used when none is given. */
    public static final String DEFAULT_TENANT_ID = "fusion-tenant";
    /** Client id accepted by the fake OAuth endpoint when none is given. */
    public static final String DEFAULT_CLIENT_ID = "fusion-client";
    /** Client secret accepted by the fake OAuth endpoint when none is given. */
    public static final String DEFAULT_CLIENT_SECRET = "fusion-client-secret";

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final int REQUEST_LOG_CAPACITY = 100_000;
    private static final int DEFAULT_MAX_LIST_RESULTS = 5000;

    private final int requestedPort;
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
    private final FakeTokenIssuer tokenIssuer;
    private volatile int maxListResults = DEFAULT_MAX_LIST_RESULTS;
    private volatile boolean flushMd5Checked;
    private Path dataDirectory;
    private boolean ownsDataDirectory;
    private PathStore store;
    private HttpServer server;
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
        this.accountName = builder.accountName;
        this.accountKey = builder.accountKey;
        this.tenantId = builder.tenantId;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.configuredDataDirectory = builder.dataDirectory;
        this.threads = builder.threads;
        this.filters = List.copyOf(builder.filters);
        this.tokenIssuer = new FakeTokenIssuer(clientId, clientSecret);
    }

    /** @return a builder with port 0 (ephemeral), the default account, key, tenant and a temporary data directory */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds 127.0.0.1 and starts serving.
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
            final RequestAuthenticator authenticator = new RequestAuthenticator(accountName, accountKey, tokenIssuer);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
            executor = Executors.newFixedThreadPool(threads, new EmulatorThreadFactory());
            server.setExecutor(executor);
            final HttpContext context = server.createContext("/", new AdlsRequestHandler(this, store, authenticator, tokenIssuer));
            context.getFilters().addAll(filters);
            server.start();
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
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        if (ownsDataDirectory && dataDirectory != null) {
            deleteTree(dataDirectory);
            ownsDataDirectory = false;
        }
    }

    /** @return {@code http://127.0.0.1:PORT/<account>}, the endpoint to give the DataLake (and Blob) SDK */
    public String getEndpoint() {
        return getAuthorityHost() + "/" + accountName;
    }

    /** @return {@code http://127.0.0.1:PORT}, the authority host of the fake OAuth endpoint */
    public String getAuthorityHost() {
        return "http://127.0.0.1:" + getPort();
    }

    /** @return {@code http://127.0.0.1:PORT/<tenant>/oauth2/v2.0/token}, where client credentials buy a bearer token */
    public String getTokenEndpoint() {
        return getAuthorityHost() + "/" + tenantId + "/oauth2/v2.0/token";
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

    /** Makes every bearer token issued so far invalid. */
    public void revokeTokens() {
        tokenIssuer.revokeAll();
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

        /** Client credentials the fake OAuth endpoint accepts. */
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
