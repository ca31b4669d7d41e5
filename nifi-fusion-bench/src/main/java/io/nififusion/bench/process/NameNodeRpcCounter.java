package io.nififusion.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Client RPCs the NameNode has served, per method, from its own metrics ({@code RpcDetailedActivityForPort<port>} in
 * {@code /jmx}): the methods a DataNode calls (heartbeats, block reports) are left out, so the count is what clients
 * asked. The NameNode refreshes what {@code /jmx} shows at most once per metrics period (200 ms with this module's
 * {@code hadoop-metrics2.properties}), from the first read after it; reads are therefore spaced by more than twice that
 * (the refresh moves its own expiry ahead), or a window's count would be the previous window's. At the default period of
 * 1 s the spacing alone took about 4 s of every measured run, half of the small preset's time.
 */
public final class NameNodeRpcCounter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DATANODE_METHODS = Set.of("SendHeartbeat", "BlockReceivedAndDeleted", "BlockReport", "CacheReport",
            "RegisterDatanode", "VersionRequest", "ErrorReport", "CommitBlockSynchronization", "SendLifeline", "ReportBadBlocks");

    private final URI query;
    private static final long REFRESH_NANOS = 450_000_000L;

    private final HttpClient client = HttpClient.newHttpClient();
    private long lastReadNanos = System.nanoTime() - REFRESH_NANOS;

    NameNodeRpcCounter(final URI web, final int rpcPort) {
        this.query = URI.create(web + "/jmx?qry=Hadoop:service=NameNode,name=RpcDetailedActivityForPort" + rpcPort);
    }

    /** @return client method → calls so far */
    public synchronized Map<String, Long> snapshot() throws IOException {
        final HttpResponse<String> response;
        try {
            final long wait = lastReadNanos + REFRESH_NANOS - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            lastReadNanos = System.nanoTime();
            response = client.send(HttpRequest.newBuilder(query).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted reading the NameNode's metrics", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("NameNode metrics " + query + " answered HTTP " + response.statusCode());
        }
        final Map<String, Long> calls = new TreeMap<>();
        for (final JsonNode bean : JSON.readTree(response.body()).path("beans")) {
            final Iterator<Map.Entry<String, JsonNode>> fields = bean.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().endsWith("NumOps")) {
                    final String method = field.getKey().substring(0, field.getKey().length() - "NumOps".length());
                    // the bean also carries "Overall<Method>" totals of the same calls: counted once
                    if (!method.startsWith("Overall") && !DATANODE_METHODS.contains(method)) {
                        calls.merge(method, field.getValue().asLong(), Long::sum);
                    }
                }
            }
        }
        return calls;
    }

    /** @return calls per method between two snapshots, methods with none left out */
    public static Map<String, Long> difference(final Map<String, Long> before, final Map<String, Long> after) {
        final Map<String, Long> difference = new TreeMap<>();
        after.forEach((method, calls) -> {
            final long delta = calls - before.getOrDefault(method, 0L);
            if (delta > 0) {
                difference.put(method, delta);
            }
        });
        return difference;
    }
}
