package io.nififusion.processors.list;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HDFS client that counts its instances, created and still open, per value of {@value #TAG} in its
 * configuration. Configured as {@code fs.hdfs.impl}, it shows whether a component creates file systems of its own.
 */
public class InstanceCountingFileSystem extends DistributedFileSystem {
    static final String TAG = "nifi.fusion.test.instance.tag";

    private static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> OPEN = new ConcurrentHashMap<>();

    private String tag;
    private boolean closed;

    static int created(final String tag) {
        return CREATED.getOrDefault(tag, new AtomicInteger()).get();
    }

    static int open(final String tag) {
        return OPEN.getOrDefault(tag, new AtomicInteger()).get();
    }

    @Override
    public void initialize(final URI uri, final Configuration configuration) throws IOException {
        super.initialize(uri, configuration);
        tag = configuration.get(TAG, "");
        CREATED.computeIfAbsent(tag, key -> new AtomicInteger()).incrementAndGet();
        OPEN.computeIfAbsent(tag, key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            if (tag != null && !closed) {
                closed = true;
                OPEN.get(tag).decrementAndGet();
            }
        }
    }
}
