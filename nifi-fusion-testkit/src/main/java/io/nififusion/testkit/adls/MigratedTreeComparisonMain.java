package io.nififusion.testkit.adls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Compares a source tree in HDFS with its migrated copy in the emulator, independently of the product: lists both
 * sides, reads every file's bytes on both sides and compares paths, types, lengths and CRC32C. In-flight temporary
 * names ({@code _fusion_tmp.*}) are left out. Prints each difference and a summary; exits 0 only when there is none.
 * <p>
 * {@code --conf hdfs-site.xml --source-root /data --endpoint http://127.0.0.1:10004/ACCOUNT --key BASE64
 * --filesystem landing --target-root migrated}
 */
public final class MigratedTreeComparisonMain {

    private static final String TEMPORARY_PREFIX = "_fusion_tmp.";
    private static final String VERSION = "2021-06-08";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final URI endpoint;
    private final String account;
    private final String key;
    private final String fileSystemName;

    private MigratedTreeComparisonMain(final URI endpoint, final String key, final String fileSystemName) {
        this.endpoint = endpoint;
        this.account = endpoint.getPath().replaceAll("^/+|/+$", "");
        this.key = key;
        this.fileSystemName = fileSystemName;
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        final Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (final String required : List.of("--conf", "--source-root", "--endpoint", "--key", "--filesystem", "--target-root")) {
            if (!options.containsKey(required)) {
                System.err.println("Missing " + required + ". Usage: --conf hdfs-site.xml --source-root /data "
                        + "--endpoint http://127.0.0.1:10004/ACCOUNT --key BASE64 --filesystem NAME --target-root PATH");
                System.exit(2);
            }
        }
        final Configuration conf = new Configuration();
        conf.addResource(new Path(options.get("--conf")));
        final MigratedTreeComparisonMain comparison = new MigratedTreeComparisonMain(URI.create(options.get("--endpoint")),
                options.get("--key"), options.get("--filesystem"));
        final String targetRoot = options.get("--target-root").replaceAll("^/+|/+$", "");
        try (FileSystem source = FileSystem.newInstance(conf)) {
            final Map<String, Entry> sourceTree = sourceTree(source, new Path(options.get("--source-root")));
            final Map<String, Entry> targetTree = comparison.targetTree(targetRoot);
            final List<String> differences = new ArrayList<>();
            final TreeSet<String> paths = new TreeSet<>(sourceTree.keySet());
            paths.addAll(targetTree.keySet());
            for (final String path : paths) {
                final Entry expected = sourceTree.get(path);
                final Entry actual = targetTree.get(path);
                if (actual == null) {
                    differences.add("missing " + path);
                } else if (expected == null) {
                    differences.add("extra " + path);
                } else if (expected.directory() != actual.directory()) {
                    differences.add("type " + path);
                } else if (expected.length() != actual.length()) {
                    differences.add("size " + path + " source " + expected.length() + " target " + actual.length());
                } else if (!expected.directory()
                        && crc(source.open(new Path(options.get("--source-root"), path))) != comparison.targetCrc(targetRoot + "/" + path)) {
                    differences.add("checksum " + path);
                }
            }
            differences.forEach(System.out::println);
            final long files = sourceTree.values().stream().filter(entry -> !entry.directory()).count();
            final long bytes = sourceTree.values().stream().mapToLong(Entry::length).sum();
            System.out.println("compared " + paths.size() + " paths (source: " + files + " files, " + bytes + " bytes, "
                    + (sourceTree.size() - files) + " directories; target: " + targetTree.size() + " paths): "
                    + differences.size() + " difference(s)");
            System.exit(differences.isEmpty() ? 0 : 1);
        }
    }

    private static Map<String, Entry> sourceTree(final FileSystem source, final Path root) throws IOException {
        final Map<String, Entry> tree = new TreeMap<>();
        final String prefix = source.getFileStatus(root).getPath().toUri().getPath() + "/";
        final List<Path> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            final RemoteIterator<FileStatus> children = source.listStatusIterator(pending.removeLast());
            while (children.hasNext()) {
                final FileStatus child = children.next();
                final String relative = child.getPath().toUri().getPath().substring(prefix.length());
                tree.put(relative, new Entry(child.isDirectory(), child.isDirectory() ? 0 : child.getLen()));
                if (child.isDirectory()) {
                    pending.add(child.getPath());
                }
            }
        }
        return tree;
    }

    private Map<String, Entry> targetTree(final String targetRoot) throws IOException, InterruptedException {
        final Map<String, Entry> tree = new TreeMap<>();
        String continuation = null;
        do {
            String query = "directory=" + encode(targetRoot) + "&recursive=true&resource=filesystem";
            if (continuation != null) {
                query = "continuation=" + encode(continuation) + "&" + query;
            }
            final HttpResponse<InputStream> response = send("/" + fileSystemName, query);
            final JsonNode page = mapper.readTree(response.body());
            for (final JsonNode path : page.path("paths")) {
                final String name = path.path("name").asText();
                final String relative = name.substring(targetRoot.length() + 1);
                final boolean temporary = relative.startsWith(TEMPORARY_PREFIX) || relative.contains("/" + TEMPORARY_PREFIX);
                if (!temporary) {
                    final boolean directory = "true".equals(path.path("isDirectory").asText());
                    tree.put(relative, new Entry(directory, directory ? 0 : Long.parseLong(path.path("contentLength").asText("0"))));
                }
            }
            continuation = response.headers().firstValue("x-ms-continuation").filter(value -> !value.isEmpty()).orElse(null);
        } while (continuation != null);
        return tree;
    }

    private long targetCrc(final String path) throws IOException, InterruptedException {
        final StringBuilder rawPath = new StringBuilder("/").append(fileSystemName);
        for (final String segment : path.split("/")) {
            rawPath.append('/').append(encode(segment));
        }
        return crc(send(rawPath.toString(), null).body());
    }

    private HttpResponse<InputStream> send(final String rawPath, final String rawQuery) throws IOException, InterruptedException {
        final String accountPath = "/" + account + rawPath;
        final URI uri = endpoint.resolve(accountPath + (rawQuery == null ? "" : "?" + rawQuery));
        final String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        final Map<String, List<String>> signed = Map.of("x-ms-date", List.of(date), "x-ms-version", List.of(VERSION));
        final RequestAuthenticator signer = new RequestAuthenticator(account, key, null);
        final String signature = RequestAuthenticator.hmac(Base64.getDecoder().decode(key),
                signer.sharedKeyStringToSign("GET", accountPath, rawQuery, signed));
        final HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .header("x-ms-date", date).header("x-ms-version", VERSION)
                .header("Authorization", "SharedKey " + account + ":" + signature).build();
        final HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            final String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new IOException("GET " + uri + ": HTTP " + response.statusCode() + " " + body);
        }
        return response;
    }

    private static long crc(final InputStream stream) throws IOException {
        final CRC32C crc = new CRC32C();
        try (InputStream in = stream) {
            final byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Entry(boolean directory, long length) {
    }
}
