package io.nififusion.testkit.adls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes each HTTP request to the store the way the DFS and Blob endpoints of a storage account would. */
final class AdlsRequestHandler implements HttpHandler {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final String JSON = "application/json;charset=utf-8";
    private static final String XML = "application/xml";
    private static final String META = "x-ms-meta-";
    private static final Pattern BYTE_RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

    /** Thrown to drop the connection on purpose: the server closes a connection whose handler throws. */
    private static final class ConnectionReset extends RuntimeException {
        ConnectionReset() {
            super("Connection reset by fault injection", null, false, false);
        }
    }

    private final AdlsEmulator emulator;
    private final PathStore store;
    private final RequestAuthenticator authenticator;
    private final TokenEndpoint tokenEndpoint;
    private final ObjectMapper mapper = new ObjectMapper();

    AdlsRequestHandler(final AdlsEmulator emulator, final PathStore store, final RequestAuthenticator authenticator,
                       final TokenEndpoint tokenEndpoint) {
        this.emulator = emulator;
        this.store = store;
        this.authenticator = authenticator;
        this.tokenEndpoint = tokenEndpoint;
    }

    /**
     * One parsed request. {@code method} is what the request asks for: the HTTP method, or PATCH when a PUT carries
     * {@code X-HTTP-Method-Override: PATCH} (how Hadoop's ABFS driver sends every Path - Update); {@code wireMethod} is
     * the method on the wire, which the Shared Key signature covers.
     */
    private record Request(HttpExchange exchange, String method, String wireMethod, String methodOverride, String rawPath,
                           String rawQuery, String decodedPath, String decodedQuery, Map<String, String> query,
                           Map<String, List<String>> headers, String account, String fileSystem, String path,
                           boolean blobApi) {

        String header(final String name) {
            final List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        boolean has(final String parameter) {
            return query.containsKey(parameter);
        }

        String param(final String parameter) {
            return query.get(parameter);
        }

        /** The same request naming the path the way the service stores it. */
        Request withPath(final String storedPath) {
            return new Request(exchange, method, wireMethod, methodOverride, rawPath, rawQuery, decodedPath, decodedQuery,
                    query, headers, account, fileSystem, storedPath, blobApi);
        }
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final Instant received = Instant.now();
        final Request request = parse(exchange);
        final String requestId = UUID.randomUUID().toString();
        int status = -1;
        String errorCode = null;
        boolean recorded = false;
        try {
            final Duration latency = emulator.faults().latencyFor(request.method(), request.decodedPath(), request.decodedQuery());
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            final AdlsFaultInjector.Fault fault = emulator.faults().faultFor(request.method(), request.decodedPath(), request.decodedQuery());
            EmulatorResponse response;
            try {
                if (fault != null && fault.kind() == AdlsFaultInjector.FaultKind.STATUS) {
                    // Read the body first: answering mid-upload makes the client see a reset instead of the status
                    request.exchange().getRequestBody().transferTo(OutputStream.nullOutputStream());
                    final AdlsServiceException injected = new AdlsServiceException(fault.status(), fault.errorCode(),
                            "Injected fault: " + fault.errorCode());
                    response = errorResponse(request, injected, requestId);
                    if (fault.retryAfterSeconds() > 0) {
                        response.header("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                    }
                } else if (fault != null && fault.kind() == AdlsFaultInjector.FaultKind.RESET_DURING_REQUEST_BODY) {
                    request.exchange().getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE, fault.afterBytes()));
                    throw new ConnectionReset();
                } else {
                    response = dispatch(request);
                }
            } catch (final AdlsServiceException e) {
                response = errorResponse(request, e, requestId);
            }
            if (fault != null && fault.kind() == AdlsFaultInjector.FaultKind.RESET_AFTER_APPLYING) {
                throw new ConnectionReset();
            }
            status = response.status;
            errorCode = response.headers.get("x-ms-error-code");
            final boolean resetResponse = fault != null && fault.kind() == AdlsFaultInjector.FaultKind.RESET_DURING_RESPONSE_BODY;
            if (!resetResponse) {
                // Logged before the answer leaves, so a client that has seen the answer also finds it in the log
                emulator.record(new RecordedRequest(request.method(), request.decodedPath(), request.decodedQuery(),
                        request.headers(), status, errorCode, received));
                recorded = true;
            }
            send(request, response, requestId, resetResponse ? fault.afterBytes() : -1);
        } catch (final ConnectionReset e) {
            status = -1;
            throw e;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        } catch (final RuntimeException e) {
            if (status == -1) {
                status = 500;
                final EmulatorResponse failure = errorResponse(request, new AdlsServiceException(500, "InternalError",
                        "The server encountered an internal error: " + e), requestId);
                errorCode = "InternalError";
                send(request, failure, requestId, -1);
            } else {
                throw e;
            }
        } finally {
            if (!recorded) {
                emulator.record(new RecordedRequest(request.method(), request.decodedPath(), request.decodedQuery(),
                        request.headers(), status, errorCode, received));
            }
            if (status != -1) {
                exchange.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ parsing

    private Request parse(final HttpExchange exchange) {
        final String wireMethod = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        final String rawPath = exchange.getRequestURI().getRawPath() == null ? "/" : exchange.getRequestURI().getRawPath();
        final String rawQuery = exchange.getRequestURI().getRawQuery();
        final Map<String, String> query = new LinkedHashMap<>();
        final List<String> decodedPairs = new ArrayList<>();
        if (rawQuery != null) {
            for (final String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.put(name, value);
                decodedPairs.add(equals < 0 ? name : name + "=" + value);
            }
        }
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        for (final Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), List.copyOf(header.getValue()));
        }
        final String[] segments = rawPath.split("/", 4);
        final String account = segments.length > 1 ? decode(segments[1]) : "";
        final String fileSystem = segments.length > 2 && !segments[2].isEmpty() ? decode(segments[2]) : null;
        String path = segments.length > 3 ? decode(segments[3]) : "";
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        final List<String> overrides = headers.get("x-http-method-override");
        final String methodOverride = overrides == null || overrides.isEmpty() ? null : overrides.getFirst().trim().toUpperCase(Locale.ROOT);
        final String method = "PUT".equals(wireMethod) && "PATCH".equals(methodOverride) ? "PATCH" : wireMethod;
        // upn is a DFS-only parameter: ABFS sends it on every get-properties and get-status
        final boolean blobApi = query.containsKey("restype") || query.containsKey("comp")
                || (fileSystem != null && !path.isEmpty() && ("GET".equals(method) || "HEAD".equals(method))
                    && !query.containsKey("action") && !query.containsKey("upn"));
        return new Request(exchange, method, wireMethod, methodOverride, rawPath, rawQuery, decode(rawPath),
                String.join("&", decodedPairs), query, headers, account, fileSystem, path, blobApi);
    }

    // ------------------------------------------------------------------------------------------------ routing

    private EmulatorResponse dispatch(final Request request) throws IOException {
        if (TokenEndpoint.isTokenRequest(request.method(), request.decodedPath())) {
            final boolean secure = request.exchange() instanceof HttpsExchange;
            final String host = request.header("host");
            final String url = (secure ? "https://" : "http://") + (host == null ? "127.0.0.1" : host) + request.decodedPath();
            return tokenEndpoint.answer(request.method(), request.decodedPath(), request.query(), request.headers(),
                    request.exchange().getRequestBody().readAllBytes(), url, secure);
        }
        if (!emulator.getAccountName().equals(request.account())) {
            throw new AdlsServiceException(400, "InvalidUri", "The requested URI does not represent any resource on the server.");
        }
        if (request.methodOverride() != null && !request.method().equals(request.methodOverride())) {
            // Only PATCH over PUT is what clients are known to send; any other combination is refused
            throw new AdlsServiceException(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
        }
        if (request.fileSystem() == null) {
            return serviceOperation(request);
        }
        if (request.path().isEmpty()) {
            return fileSystemOperation(request);
        }
        return pathOperation(request.withPath(PathNames.normalize(request.path())));
    }

    private EmulatorResponse serviceOperation(final Request request) {
        authenticate(request, new RequiredAccess("l", "l", 's', null, ""));
        if ("GET".equals(request.method()) && "list".equals(request.param("comp"))) {
            return listContainers(request);
        }
        if ("GET".equals(request.method()) && "account".equals(request.param("resource"))) {
            return listFileSystemsJson(request);
        }
        throw unsupported(request);
    }

    private EmulatorResponse fileSystemOperation(final Request request) {
        final String fileSystem = request.fileSystem();
        final boolean blob = request.blobApi();
        final boolean container = "container".equals(request.param("restype")) || "filesystem".equals(request.param("resource"));
        switch (request.method()) {
            case "PUT": {
                if (!container) {
                    return rootOperation(request);
                }
                if ("metadata".equals(request.param("comp"))) {
                    authenticate(request, new RequiredAccess("w", "w", 'c', fileSystem, ""));
                    final PathStore.FileSystemSnapshot snapshot = store.setFileSystemMetadata(fileSystem, metadataHeaders(request), blob);
                    return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
                }
                authenticate(request, new RequiredAccess("c", "c", 'c', fileSystem, ""));
                final Map<String, String> metadata = blob ? metadataHeaders(request) : properties(request);
                final PathStore.FileSystemSnapshot snapshot = store.createFileSystem(fileSystem, metadata, blob);
                return new EmulatorResponse(201).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                        .header("x-ms-namespace-enabled", "true");
            }
            case "PATCH": {
                if (!"filesystem".equals(request.param("resource"))) {
                    return rootOperation(request);
                }
                authenticate(request, new RequiredAccess("w", "w", 'c', fileSystem, ""));
                final PathStore.FileSystemSnapshot snapshot = store.setFileSystemMetadata(fileSystem, properties(request), false);
                return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
            }
            case "HEAD":
            case "GET": {
                if ("GET".equals(request.method()) && "filesystem".equals(request.param("resource"))) {
                    authenticate(request, new RequiredAccess("l", "l", 'c', fileSystem, ""));
                    return listPaths(request);
                }
                if ("GET".equals(request.method()) && "container".equals(request.param("restype")) && "list".equals(request.param("comp"))) {
                    authenticate(request, new RequiredAccess("l", "l", 'c', fileSystem, ""));
                    return listBlobs(request);
                }
                if (!container) {
                    return rootOperation(request);
                }
                if (request.param("comp") != null && !"metadata".equals(request.param("comp"))) {
                    throw unsupported(request);
                }
                authenticate(request, new RequiredAccess("r", "r", 'c', fileSystem, ""));
                final PathStore.FileSystemSnapshot snapshot = store.getFileSystem(fileSystem, blob);
                final EmulatorResponse response = new EmulatorResponse(200).header("ETag", snapshot.etag())
                        .header("Last-Modified", httpDate(snapshot.lastModified()))
                        .header("x-ms-lease-status", "unlocked").header("x-ms-lease-state", "available")
                        .header("x-ms-has-immutability-policy", "false").header("x-ms-has-legal-hold", "false")
                        .header("x-ms-namespace-enabled", "true");
                if (blob) {
                    addMetadataHeaders(response, snapshot.metadata());
                } else {
                    response.header("x-ms-properties", encodeProperties(snapshot.metadata()));
                }
                return response;
            }
            case "DELETE": {
                if (!container) {
                    return rootOperation(request);
                }
                authenticate(request, new RequiredAccess("d", "d", 'c', fileSystem, ""));
                store.deleteFileSystem(fileSystem, blob);
                return new EmulatorResponse(202);
            }
            default:
                throw unsupported(request);
        }
    }

    /**
     * The root directory of a filesystem ({@code /acct/fs/} with no filesystem-level parameter). On a hierarchical
     * namespace account it has access control: Hadoop's ABFS driver reads it to detect the namespace
     * ({@code HEAD ?action=getAccessControl}, where any answer but 400 means "enabled"), for getFileStatus and getAclStatus
     * of "/", and asks its status before creating a file directly under it. Properties cannot be read or set on the
     * root (400, which Hadoop's own suite expects of the service), nor can it be created, written, renamed or deleted.
     */
    private EmulatorResponse rootOperation(final Request request) {
        final String fileSystem = request.fileSystem();
        final String action = request.param("action");
        if ("HEAD".equals(request.method()) && ("getAccessControl".equals(action) || "getStatus".equals(action))) {
            authenticate(request, new RequiredAccess("r", "re", 'o', fileSystem, ""));
            final PathStore.PathSnapshot root = store.getRoot(fileSystem);
            checkReadConditions(request, root);
            final EmulatorResponse response = accessControlResponse(root, "getAccessControl".equals(action));
            if ("getStatus".equals(action)) {
                response.header("x-ms-resource-type", "directory").header("Content-Length", "0");
            }
            return response;
        }
        if ("HEAD".equals(request.method()) && "checkAccess".equals(action)) {
            authenticate(request, new RequiredAccess("r", "e", 'o', fileSystem, ""));
            checkAccessParameter(request);
            store.getRoot(fileSystem);
            return new EmulatorResponse(200);
        }
        if ("PATCH".equals(request.method()) && "setAccessControl".equals(action)) {
            authenticate(request, new RequiredAccess("w", "po", 'o', fileSystem, ""));
            final PathStore.PathSnapshot snapshot = store.setAccessControl(fileSystem, "", request.header("x-ms-owner"),
                    request.header("x-ms-group"), request.header("x-ms-permissions"), request.header("x-ms-acl"),
                    conditions(request, ""));
            return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
        }
        throw unsupported(request);
    }

    private EmulatorResponse pathOperation(final Request request) throws IOException {
        final String fileSystem = request.fileSystem();
        final String path = request.path();
        switch (request.method()) {
            case "PUT": {
                if (request.header("x-ms-rename-source") != null) {
                    authenticate(request, new RequiredAccess("wc", "mwc", 'o', fileSystem, path));
                    return rename(request);
                }
                if ("metadata".equals(request.param("comp"))) {
                    authenticate(request, new RequiredAccess("w", "w", 'o', fileSystem, path));
                    final PathStore.PathSnapshot snapshot = store.setMetadata(fileSystem, path, metadataHeaders(request), conditions(request, ""), true);
                    return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                            .header("x-ms-request-server-encrypted", "true");
                }
                if ("properties".equals(request.param("comp"))) {
                    authenticate(request, new RequiredAccess("w", "w", 'o', fileSystem, path));
                    final PathStore.ContentHeaders headers = new PathStore.ContentHeaders(request.header("x-ms-blob-content-type"),
                            request.header("x-ms-blob-cache-control"), request.header("x-ms-blob-content-encoding"),
                            request.header("x-ms-blob-content-language"), request.header("x-ms-blob-content-disposition"));
                    final PathStore.PathSnapshot snapshot = store.setHeaders(fileSystem, path, headers,
                            request.header("x-ms-blob-content-md5"), conditions(request, ""));
                    return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
                }
                final String resource = request.param("resource");
                if ((!"file".equals(resource) && !"directory".equals(resource)) || request.has("blobtype")) {
                    // blobtype=appendblob (ABFS's append-blob directories) is not served rather than made a plain file
                    throw unsupported(request);
                }
                authenticate(request, new RequiredAccess("cw", "cw", 'o', fileSystem, path));
                PathNames.checkCreatable(path);
                final Integer permissions = request.header("x-ms-permissions") == null ? null
                        : PosixAccess.parsePermissions(request.header("x-ms-permissions"));
                final Integer umask = request.header("x-ms-umask") == null ? null
                        : Integer.parseInt(request.header("x-ms-umask"), 8);
                final PathStore.PathSnapshot snapshot = store.createPath(fileSystem, path, "directory".equals(resource),
                        conditions(request, ""), properties(request), permissions, umask, contentHeaders(request),
                        request.header("x-ms-owner"), request.header("x-ms-group"), request.header("x-ms-acl"));
                return new EmulatorResponse(201).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                        .header("x-ms-request-server-encrypted", "true").header("Content-Length", "0");
            }
            case "PATCH": {
                final String action = request.param("action");
                if ("append".equals(action)) {
                    authenticate(request, new RequiredAccess("wa", "wa", 'o', fileSystem, path));
                    return append(request);
                }
                if ("flush".equals(action)) {
                    authenticate(request, new RequiredAccess("w", "w", 'o', fileSystem, path));
                    return flush(request);
                }
                if ("setProperties".equals(action)) {
                    authenticate(request, new RequiredAccess("w", "w", 'o', fileSystem, path));
                    final PathStore.PathSnapshot snapshot = store.setMetadata(fileSystem, path, properties(request), conditions(request, ""), false);
                    return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
                }
                if ("setAccessControl".equals(action)) {
                    authenticate(request, new RequiredAccess("w", "po", 'o', fileSystem, path));
                    final PathStore.PathSnapshot snapshot = store.setAccessControl(fileSystem, path, request.header("x-ms-owner"),
                            request.header("x-ms-group"), request.header("x-ms-permissions"), request.header("x-ms-acl"),
                            conditions(request, ""));
                    return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()));
                }
                throw unsupported(request);
            }
            case "HEAD": {
                final String action = request.param("action");
                if ("getAccessControl".equals(action)) {
                    authenticate(request, new RequiredAccess("r", "re", 'o', fileSystem, path));
                    final PathStore.PathSnapshot snapshot = store.getPath(fileSystem, path, false);
                    checkReadConditions(request, snapshot);
                    return accessControlResponse(snapshot, true);
                }
                if ("checkAccess".equals(action)) {
                    // Shared Key, SAS and the emulator's bearer tokens all act for the account owner, whom ACLs never deny
                    authenticate(request, new RequiredAccess("r", "e", 'o', fileSystem, path));
                    checkAccessParameter(request);
                    store.getPath(fileSystem, path, false);
                    return new EmulatorResponse(200);
                }
                if (action != null && !"getStatus".equals(action)) {
                    throw unsupported(request);
                }
                authenticate(request, new RequiredAccess("r", "r", 'o', fileSystem, path));
                final PathStore.PathSnapshot snapshot = store.getPath(fileSystem, path, request.blobApi());
                checkReadConditions(request, snapshot);
                // getStatus returns the system properties only, not the user-defined ones
                final EmulatorResponse response = "getStatus".equals(action)
                        ? propertiesResponse(200, snapshot, false) : propertiesResponse(200, snapshot, true);
                response.header("Content-Length", Long.toString(snapshot.length()));
                if (snapshot.contentMd5() != null) {
                    response.header("Content-MD5", snapshot.contentMd5());
                }
                return response;
            }
            case "GET":
                authenticate(request, new RequiredAccess("r", "r", 'o', fileSystem, path));
                return read(request);
            case "DELETE": {
                authenticate(request, new RequiredAccess("d", "d", 'o', fileSystem, path));
                final String continuation = store.delete(fileSystem, path, "true".equalsIgnoreCase(request.param("recursive")),
                        conditions(request, ""), emulator.getMaxListResults());
                return new EmulatorResponse(200).header("x-ms-continuation", continuation).header("x-ms-delete-type-permanent", "true");
            }
            default:
                throw unsupported(request);
        }
    }

    // ------------------------------------------------------------------------------------------------ operations

    private EmulatorResponse append(final Request request) throws IOException {
        final long position = longParam(request, "position");
        store.checkAppendable(request.fileSystem(), request.path());
        final Path staging = store.newStagingFile();
        final MessageDigest digest = md5();
        long length = 0;
        try (InputStream body = request.exchange().getRequestBody();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(staging), digest)) {
            length = body.transferTo(out);
        } catch (final IOException | RuntimeException e) {
            PathStore.deleteQuietly(staging);
            throw e;
        }
        final String declared = request.header("content-length");
        if (declared != null && Long.parseLong(declared.trim()) != length) {
            PathStore.deleteQuietly(staging);
            throw AdlsServiceException.badRequest("InvalidInput", "The request body length does not match Content-Length.");
        }
        final String md5 = Base64.getEncoder().encodeToString(digest.digest());
        final String expectedMd5 = request.header("content-md5");
        if (expectedMd5 != null && !expectedMd5.trim().equals(md5)) {
            PathStore.deleteQuietly(staging);
            throw AdlsServiceException.badRequest("Md5Mismatch",
                    "The MD5 value specified in the request did not match with the MD5 value calculated by the server.");
        }
        store.stage(request.fileSystem(), request.path(), position, staging, length, md5);
        if ("true".equalsIgnoreCase(request.param("flush"))) {
            // Append with flush (service version 2020-10-02 on): the appended range is committed at once
            final PathStore.PathSnapshot snapshot = store.flush(request.fileSystem(), request.path(), position + length, false,
                    AccessConditions.NONE, null, false, PathStore.ContentHeaders.NONE, null);
            return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                    .header("Content-MD5", md5).header("x-ms-request-server-encrypted", "true");
        }
        return new EmulatorResponse(202).header("Content-MD5", md5).header("x-ms-request-server-encrypted", "true");
    }

    private EmulatorResponse flush(final Request request) {
        final long position = longParam(request, "position");
        final boolean retain = "true".equalsIgnoreCase(request.param("retainUncommittedData"));
        final PathStore.PathSnapshot snapshot = store.flush(request.fileSystem(), request.path(), position, retain,
                conditions(request, ""), request.header("x-ms-content-md5"), emulator.isFlushMd5Checked(),
                contentHeaders(request), metadataHeaders(request));
        return new EmulatorResponse(200).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                .header("Content-Length", "0").header("x-ms-request-server-encrypted", "true");
    }

    private EmulatorResponse read(final Request request) {
        final PathStore.PathSnapshot snapshot = store.getPath(request.fileSystem(), request.path(), request.blobApi());
        checkReadConditions(request, snapshot);
        final String range = request.header("x-ms-range") != null ? request.header("x-ms-range") : request.header("range");
        final long size = snapshot.length();
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        final Matcher bounds = range == null ? null : BYTE_RANGE.matcher(range.trim());
        // A range that is not "bytes=first-" or "bytes=first-last" with last >= first is ignored and the whole file
        // sent, as HTTP allows: the SDK relies on it, re-reading an empty blob with "bytes=0--1" and expecting a 200.
        if (bounds != null && bounds.matches()
                && (bounds.group(2).isEmpty() || Long.parseLong(bounds.group(2)) >= Long.parseLong(bounds.group(1)))) {
            start = Long.parseLong(bounds.group(1));
            if (!bounds.group(2).isEmpty()) {
                end = Math.min(Long.parseLong(bounds.group(2)), size - 1);
            }
            if (start >= size) {
                // The total length in Content-Range is how the SDK tells an empty blob from a range past the end
                throw new AdlsServiceException(416, "InvalidRange", "The range specified is invalid for the current size of the resource.")
                        .header("Content-Range", "bytes */" + size);
            }
            partial = true;
        }
        final long length = Math.max(0, end - start + 1);
        final EmulatorResponse response = propertiesResponse(partial ? 206 : 200, snapshot, true);
        if (partial) {
            response.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            response.header("x-ms-blob-content-md5", snapshot.contentMd5());
        } else {
            response.header("Content-MD5", snapshot.contentMd5());
        }
        if (snapshot.contentFile() != null && length > 0) {
            response.file(snapshot.contentFile(), start, length);
        }
        return response;
    }

    private EmulatorResponse rename(final Request request) {
        final String source = request.header("x-ms-rename-source");
        final String withoutQuery = source.contains("?") ? source.substring(0, source.indexOf('?')) : source;
        final String decoded = decode(withoutQuery.startsWith("/") ? withoutQuery.substring(1) : withoutQuery);
        final int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw AdlsServiceException.badRequest("InvalidSourceUri", "The source URI is invalid.");
        }
        String sourcePath = decoded.substring(slash + 1);
        while (sourcePath.endsWith("/")) {
            sourcePath = sourcePath.substring(0, sourcePath.length() - 1);
        }
        final String destination = store.rename(decoded.substring(0, slash), PathNames.normalize(sourcePath), request.fileSystem(),
                request.path(), conditions(request, "x-ms-source-"), conditions(request, ""), !"legacy".equals(request.param("mode")));
        final PathStore.PathSnapshot snapshot = store.getPath(request.fileSystem(), destination, false);
        return new EmulatorResponse(201).header("ETag", snapshot.etag()).header("Last-Modified", httpDate(snapshot.lastModified()))
                .header("Content-Length", "0");
    }

    private EmulatorResponse listPaths(final Request request) {
        final String recursive = request.param("recursive");
        if (recursive == null) {
            throw AdlsServiceException.badRequest("MissingRequiredQueryParameter", "A query parameter that's mandatory for this request is not specified: recursive.");
        }
        String directory = request.param("directory") == null ? "" : request.param("directory");
        while (directory.startsWith("/")) {
            directory = directory.substring(1);
        }
        while (directory.endsWith("/")) {
            directory = directory.substring(0, directory.length() - 1);
        }
        final int requested = request.param("maxResults") == null ? 5000 : Integer.parseInt(request.param("maxResults"));
        final int pageSize = Math.max(1, Math.min(requested, emulator.getMaxListResults()));
        final PathStore.Page<PathStore.PathSnapshot> page = store.list(request.fileSystem(), directory,
                Boolean.parseBoolean(recursive), request.param("continuation"), pageSize);
        final ObjectNode root = mapper.createObjectNode();
        final ArrayNode paths = root.putArray("paths");
        for (final PathStore.PathSnapshot item : page.items()) {
            final ObjectNode entry = paths.addObject();
            entry.put("name", item.name());
            if (item.directory()) {
                entry.put("isDirectory", "true");
            }
            entry.put("lastModified", httpDate(item.lastModified()));
            entry.put("etag", item.etag().replace("\"", ""));
            entry.put("contentLength", Long.toString(item.length()));
            entry.put("owner", item.owner());
            entry.put("group", item.group());
            entry.put("permissions", item.permissionString());
            entry.put("creationTime", Long.toString(windowsFileTime(item.created())));
        }
        return new EmulatorResponse(200).header("x-ms-continuation", page.continuation()).body(JSON, root.toString());
    }

    private EmulatorResponse listBlobs(final Request request) {
        final String prefix = request.param("prefix") == null ? "" : request.param("prefix");
        final String delimiter = request.param("delimiter") == null || request.param("delimiter").isEmpty() ? null : request.param("delimiter");
        final int requested = request.param("maxresults") == null ? 5000 : intParam(request, "maxresults");
        if (requested < 1) {
            throw AdlsServiceException.badRequest("OutOfRangeQueryParameterValue",
                    "One of the query parameters specified in the request URI is outside the permissible range: maxresults.");
        }
        final PathStore.Page<PathStore.BlobEntry> page = store.listBlobs(request.fileSystem(), prefix, delimiter,
                request.param("marker"), Math.min(requested, emulator.getMaxListResults()));
        final String include = request.param("include") == null ? "" : request.param("include");
        final BlobListingXml listing = new BlobListingXml(emulator.getEndpoint(), request.fileSystem(), include.contains("metadata"),
                include.contains("permissions"));
        return new EmulatorResponse(200).body(XML, listing.render(prefix, request.param("marker"),
                request.param("maxresults") == null ? null : requested, delimiter, page));
    }

    private EmulatorResponse listContainers(final Request request) {
        final int requested = request.param("maxresults") == null ? 5000 : Integer.parseInt(request.param("maxresults"));
        final PathStore.Page<PathStore.FileSystemSnapshot> page = store.listFileSystems(request.param("prefix"),
                request.param("marker"), Math.max(1, Math.min(requested, emulator.getMaxListResults())));
        final boolean withMetadata = request.param("include") != null && request.param("include").contains("metadata");
        final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.append("<EnumerationResults ServiceEndpoint=\"").append(escape(emulator.getEndpoint())).append("/\">");
        if (request.param("prefix") != null) {
            xml.append("<Prefix>").append(escape(request.param("prefix"))).append("</Prefix>");
        }
        xml.append("<Containers>");
        for (final PathStore.FileSystemSnapshot fileSystem : page.items()) {
            xml.append("<Container><Name>").append(escape(fileSystem.name())).append("</Name><Properties>")
                    .append("<Last-Modified>").append(httpDate(fileSystem.lastModified())).append("</Last-Modified>")
                    .append("<Etag>").append(escape(fileSystem.etag())).append("</Etag>")
                    .append("<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>")
                    .append("<HasImmutabilityPolicy>false</HasImmutabilityPolicy><HasLegalHold>false</HasLegalHold>")
                    .append("</Properties>");
            if (withMetadata) {
                xml.append("<Metadata>");
                for (final Map.Entry<String, String> entry : fileSystem.metadata().entrySet()) {
                    xml.append('<').append(entry.getKey()).append('>').append(escape(entry.getValue()))
                            .append("</").append(entry.getKey()).append('>');
                }
                xml.append("</Metadata>");
            }
            xml.append("</Container>");
        }
        xml.append("</Containers><NextMarker>").append(page.continuation() == null ? "" : escape(page.continuation()))
                .append("</NextMarker></EnumerationResults>");
        return new EmulatorResponse(200).body(XML, xml.toString());
    }

    private EmulatorResponse listFileSystemsJson(final Request request) {
        final PathStore.Page<PathStore.FileSystemSnapshot> page = store.listFileSystems(request.param("prefix"),
                request.param("continuation"), emulator.getMaxListResults());
        final ObjectNode root = mapper.createObjectNode();
        final ArrayNode items = root.putArray("filesystems");
        for (final PathStore.FileSystemSnapshot fileSystem : page.items()) {
            items.addObject().put("name", fileSystem.name()).put("lastModified", httpDate(fileSystem.lastModified()))
                    .put("etag", fileSystem.etag().replace("\"", ""));
        }
        return new EmulatorResponse(200).header("x-ms-continuation", page.continuation()).body(JSON, root.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void authenticate(final Request request, final RequiredAccess access) {
        authenticator.authenticate(request.wireMethod(), request.rawPath(), request.rawQuery(), request.headers(), request.query(), access,
                request.exchange() instanceof HttpsExchange);
    }

    private EmulatorResponse propertiesResponse(final int status, final PathStore.PathSnapshot snapshot, final boolean userMetadata) {
        final EmulatorResponse response = new EmulatorResponse(status)
                .header("ETag", snapshot.etag())
                .header("Last-Modified", httpDate(snapshot.lastModified()))
                .header("x-ms-creation-time", httpDate(snapshot.created()))
                .header("Accept-Ranges", "bytes")
                .header("x-ms-blob-type", "BlockBlob")
                .header("x-ms-lease-status", "unlocked")
                .header("x-ms-lease-state", "available")
                .header("x-ms-server-encrypted", "true")
                .header("x-ms-resource-type", snapshot.directory() ? "directory" : "file")
                .header("x-ms-owner", snapshot.owner())
                .header("x-ms-group", snapshot.group())
                .header("x-ms-permissions", snapshot.permissionString())
                .header("Content-Type", snapshot.contentType() != null ? snapshot.contentType() : "application/octet-stream")
                .header("Cache-Control", snapshot.cacheControl())
                .header("Content-Encoding", snapshot.contentEncoding())
                .header("Content-Language", snapshot.contentLanguage())
                .header("Content-Disposition", snapshot.contentDisposition());
        if (!userMetadata) {
            return response;
        }
        final Map<String, String> metadata = new LinkedHashMap<>(snapshot.metadata());
        if (snapshot.directory()) {
            metadata.put("hdi_isfolder", "true");
        }
        addMetadataHeaders(response, metadata);
        response.header("x-ms-properties", encodeProperties(snapshot.metadata()));
        return response;
    }

    private static EmulatorResponse accessControlResponse(final PathStore.PathSnapshot snapshot, final boolean withAcl) {
        final EmulatorResponse response = new EmulatorResponse(200).header("ETag", snapshot.etag())
                .header("Last-Modified", httpDate(snapshot.lastModified()))
                .header("x-ms-owner", snapshot.owner()).header("x-ms-group", snapshot.group())
                .header("x-ms-permissions", snapshot.permissionString());
        return withAcl ? response.header("x-ms-acl", snapshot.acl()) : response;
    }

    /** {@code fsAction} of a check-access request: one {@code rwx} triad, dashes for what is not asked. */
    private static void checkAccessParameter(final Request request) {
        final String action = request.param("fsAction");
        if (action == null) {
            throw AdlsServiceException.badRequest("MissingRequiredQueryParameter",
                    "A query parameter that's mandatory for this request is not specified: fsAction.");
        }
        if (!action.matches("[r-][w-][x-]")) {
            throw AdlsServiceException.badRequest("InvalidQueryParameterValue",
                    "Value for one of the query parameters specified in the request URI is invalid: fsAction.");
        }
    }

    private void checkReadConditions(final Request request, final PathStore.PathSnapshot snapshot) {
        final AccessConditions conditions = conditions(request, "");
        if (conditions.ifMatch() != null || conditions.ifUnmodifiedSince() != null) {
            final AccessConditions mustHold = new AccessConditions(conditions.ifMatch(), null, null, conditions.ifUnmodifiedSince());
            if (!mustHold.holds(snapshot.etag(), snapshot.lastModified())) {
                throw AdlsServiceException.conditionNotMet();
            }
        }
        if (conditions.ifNoneMatch() != null || conditions.ifModifiedSince() != null) {
            final AccessConditions notModified = new AccessConditions(null, conditions.ifNoneMatch(), conditions.ifModifiedSince(), null);
            if (!notModified.holds(snapshot.etag(), snapshot.lastModified())) {
                throw new AdlsServiceException(304, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
            }
        }
    }

    private static AccessConditions conditions(final Request request, final String prefix) {
        return new AccessConditions(request.header(prefix + "if-match"), request.header(prefix + "if-none-match"),
                parseHttpDate(request.header(prefix + "if-modified-since")),
                parseHttpDate(request.header(prefix + "if-unmodified-since")));
    }

    private static PathStore.ContentHeaders contentHeaders(final Request request) {
        return new PathStore.ContentHeaders(request.header("x-ms-content-type"), request.header("x-ms-cache-control"),
                request.header("x-ms-content-encoding"), request.header("x-ms-content-language"),
                request.header("x-ms-content-disposition"));
    }

    private static Map<String, String> metadataHeaders(final Request request) {
        final Map<String, String> metadata = new LinkedHashMap<>();
        for (final Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey().startsWith(META)) {
                metadata.put(header.getKey().substring(META.length()), String.join(",", header.getValue()));
            }
        }
        return metadata;
    }

    /** Metadata of a DFS call: {@code x-ms-properties: key=base64(value),...}, or x-ms-meta-* headers. */
    private static Map<String, String> properties(final Request request) {
        final Map<String, String> metadata = metadataHeaders(request);
        final String properties = request.header("x-ms-properties");
        if (properties != null && !properties.isBlank()) {
            for (final String pair : properties.split(",")) {
                final int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw AdlsServiceException.badRequest("InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format: x-ms-properties.");
                }
                try {
                    metadata.put(pair.substring(0, equals).trim(),
                            new String(Base64.getDecoder().decode(pair.substring(equals + 1).trim()), StandardCharsets.UTF_8));
                } catch (final IllegalArgumentException e) {
                    throw AdlsServiceException.badRequest("InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format: x-ms-properties.");
                }
            }
        }
        return metadata;
    }

    private static String encodeProperties(final Map<String, String> metadata) {
        final List<String> pairs = new ArrayList<>();
        for (final Map.Entry<String, String> entry : metadata.entrySet()) {
            pairs.add(entry.getKey() + "=" + Base64.getEncoder().encodeToString(entry.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return pairs.isEmpty() ? null : String.join(",", pairs);
    }

    private static void addMetadataHeaders(final EmulatorResponse response, final Map<String, String> metadata) {
        for (final Map.Entry<String, String> entry : metadata.entrySet()) {
            response.header(META + entry.getKey(), entry.getValue());
        }
    }

    private EmulatorResponse errorResponse(final Request request, final AdlsServiceException e, final String requestId) {
        final EmulatorResponse response = new EmulatorResponse(e.getStatus()).header("x-ms-error-code", e.getErrorCode());
        for (final Map.Entry<String, String> header : e.getHeaders().entrySet()) {
            response.header(header.getKey(), header.getValue());
        }
        if (e.getStatus() == 401) {
            response.header("WWW-Authenticate", "Bearer authorization_uri=" + emulator.getHttpsAuthorityHost() + "/"
                    + emulator.getTenantId() + "/oauth2/authorize resource_id=https://storage.azure.com");
        }
        final String message = e.getMessage() + "\nRequestId:" + requestId + "\nTime:" + Instant.now();
        if ("HEAD".equals(request.method()) || e.getStatus() == 304) {
            return response;
        }
        if (request.blobApi()) {
            return response.body(XML, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + escape(e.getErrorCode())
                    + "</Code><Message>" + escape(message) + "</Message></Error>");
        }
        final ObjectNode root = mapper.createObjectNode();
        root.putObject("error").put("code", e.getErrorCode()).put("message", message);
        return response.body(JSON, root.toString());
    }

    private void send(final Request request, final EmulatorResponse response, final String requestId, final long resetAfterBytes)
            throws IOException {
        final HttpExchange exchange = request.exchange();
        response.header("x-ms-request-id", requestId);
        response.header("x-ms-version", request.header("x-ms-version"));
        response.header("x-ms-client-request-id", request.header("x-ms-client-request-id"));
        response.header("Server", "nifi-fusion-adls-emulator");
        final boolean noBody = "HEAD".equals(request.method()) || response.status == 204 || response.status == 304;
        for (final Map.Entry<String, String> header : response.headers.entrySet()) {
            if (!"Content-Length".equals(header.getKey()) || noBody) {
                exchange.getResponseHeaders().set(header.getKey(), header.getValue());
            }
        }
        if (noBody) {
            if (resetAfterBytes >= 0) {
                throw new ConnectionReset();
            }
            exchange.sendResponseHeaders(response.status, -1);
            return;
        }
        final long length = response.bodyLength();
        if (resetAfterBytes >= 0 && length == 0) {
            throw new ConnectionReset();
        }
        exchange.sendResponseHeaders(response.status, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        final long limit = resetAfterBytes >= 0 ? Math.min(resetAfterBytes, length - 1) : length;
        try (OutputStream out = exchange.getResponseBody()) {
            if (response.file != null) {
                try (FileChannel channel = FileChannel.open(response.file, StandardOpenOption.READ)) {
                    channel.position(response.fileOffset);
                    final InputStream in = Channels.newInputStream(channel);
                    final byte[] buffer = new byte[256 * 1024];
                    long remaining = limit;
                    while (remaining > 0) {
                        final int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (read < 0) {
                            throw new IOException("Stored content ended early");
                        }
                        out.write(buffer, 0, read);
                        remaining -= read;
                    }
                } catch (final NoSuchFileException e) {
                    throw new UncheckedIOException("Stored content was replaced while it was read", e);
                }
            } else {
                out.write(response.body, 0, (int) limit);
            }
            if (resetAfterBytes >= 0) {
                out.flush();
                throw new ConnectionReset();
            }
        }
    }

    private static AdlsServiceException unsupported(final Request request) {
        return new AdlsServiceException(400, "UnsupportedOperation", "The emulator does not support "
                + request.method() + " " + request.decodedPath() + "?" + request.decodedQuery());
    }

    private static long longParam(final Request request, final String name) {
        final String value = request.param(name);
        if (value == null) {
            throw AdlsServiceException.badRequest("MissingRequiredQueryParameter",
                    "A query parameter that's mandatory for this request is not specified: " + name + ".");
        }
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw AdlsServiceException.badRequest("InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid: " + name + ".");
        }
    }

    private static int intParam(final Request request, final String name) {
        final long value = longParam(request, name);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw AdlsServiceException.badRequest("InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid: " + name + ".");
        }
        return (int) value;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String httpDate(final Instant instant) {
        return HTTP_DATE.format(instant);
    }

    private static Instant parseHttpDate(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (final DateTimeParseException e) {
            throw AdlsServiceException.badRequest("InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format.");
        }
    }

    private static long windowsFileTime(final Instant instant) {
        return (instant.toEpochMilli() + 11_644_473_600_000L) * 10_000L;
    }

    private static String decode(final String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
