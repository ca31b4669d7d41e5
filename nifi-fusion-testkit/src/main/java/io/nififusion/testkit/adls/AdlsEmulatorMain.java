package io.nififusion.testkit.adls;

import io.nififusion.testkit.adls.link.LinkProfile;
import io.nififusion.testkit.adls.link.ShapedLinkFilter;
import io.nififusion.testkit.adls.traffic.EmulatorConsole;
import io.nififusion.testkit.adls.traffic.RequestTally;
import io.nififusion.testkit.adls.traffic.RequestTallyFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator until the process is stopped, e.g. to back a real NiFi on loopback:
 * {@code --port 10004 --account fusionemulator --key <base64> --data-dir /tmp/adls --filesystem landing}.
 * Each {@code --filesystem NAME} is created at start through the emulator's own REST API, signed with the account key
 * like any client request, so a first try does not stop at "the filesystem must exist".
 * {@code --latency-ms N} and {@code --bandwidth-mib N} put the account at the end of a long link (latency per request,
 * bandwidth per connection); {@code --console} counts requests per kind and answers {@link EmulatorConsole} commands
 * on standard input (the emulator then stops when its input ends).
 */
public final class AdlsEmulatorMain {

    private AdlsEmulatorMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final AdlsEmulator.Builder builder = AdlsEmulator.builder().port(10004);
        final List<String> fileSystems = new ArrayList<>();
        long latencyMillis = 0;
        long bandwidthMib = 0;
        boolean console = false;
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                System.out.println("Options: --port N (10004; 0 = ephemeral) --account NAME --key BASE64 --data-dir DIR"
                        + " --filesystem NAME (repeatable: created at start) --latency-ms N (0) --bandwidth-mib N per connection (0: unlimited)"
                        + " --console (request counts on standard input: requests, reset)");
                return;
            }
            if ("--console".equals(option)) {
                console = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            final String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--account" -> builder.accountName(value);
                case "--key" -> builder.accountKey(value);
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                case "--filesystem" -> fileSystems.add(value);
                case "--latency-ms" -> latencyMillis = Long.parseLong(value);
                case "--bandwidth-mib" -> bandwidthMib = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        final RequestTally tally = new RequestTally();
        if (console) {
            builder.filter(new RequestTallyFilter(tally));
        }
        final LinkProfile link = LinkProfile.of(latencyMillis, bandwidthMib);
        if (link.isShaped()) {
            builder.filter(new ShapedLinkFilter(link));
        }
        final AdlsEmulator emulator = builder.build().start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "adls-emulator-shutdown"));
        for (final String fileSystem : fileSystems) {
            try {
                System.out.println("  filesystem     " + fileSystem + " " + createFileSystem(emulator, fileSystem));
            } catch (final IOException e) {
                emulator.close();
                throw new IllegalStateException("Cannot create filesystem " + fileSystem + ": " + e.getMessage(), e);
            }
        }
        System.out.println("ADLS Gen2 emulator listening");
        System.out.println("  endpoint       " + emulator.getEndpoint());
        System.out.println("  account        " + emulator.getAccountName());
        System.out.println("  account key    " + emulator.getAccountKey());
        System.out.println("  token endpoint " + emulator.getTokenEndpoint() + " (client " + emulator.getClientId()
                + " / " + emulator.getClientSecret() + ")");
        System.out.println("  data directory " + emulator.getDataDirectory());
        System.out.println("  link           " + link);
        System.out.flush();
        if (console) {
            try {
                new EmulatorConsole(tally).serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
            } catch (final IOException e) {
                System.err.println("Console input failed: " + e.getMessage());
            }
            emulator.close();
            return;
        }
        stopped.await();
    }

    /** Creates a filesystem the way a client does (Blob API create container, Shared Key); returns "created" or "exists". */
    static String createFileSystem(final AdlsEmulator emulator, final String fileSystem) throws IOException, InterruptedException {
        final URI uri = URI.create(emulator.getEndpoint() + "/" + fileSystem + "?restype=container");
        final String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        final String version = "2021-06-08";
        final Map<String, List<String>> signedHeaders = Map.of("x-ms-date", List.of(date), "x-ms-version", List.of(version),
                "content-length", List.of("0"));
        final RequestAuthenticator signer = new RequestAuthenticator(emulator.getAccountName(), emulator.getAccountKey(), null);
        final String signature = RequestAuthenticator.hmac(Base64.getDecoder().decode(emulator.getAccountKey()),
                signer.sharedKeyStringToSign("PUT", uri.getRawPath(), uri.getRawQuery(), signedHeaders));
        final HttpRequest request = HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .header("x-ms-date", date)
                .header("x-ms-version", version)
                .header("Authorization", "SharedKey " + emulator.getAccountName() + ":" + signature)
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return "created";
            }
            if (response.statusCode() == 409) {
                return "exists";
            }
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}
