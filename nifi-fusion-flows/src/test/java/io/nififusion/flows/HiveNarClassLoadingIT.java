package io.nififusion.flows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hive NAR's code runs on what the two NARs bundle, in class loaders stacked as NiFi stacks them (the Hive NAR's
 * under the main NAR's, nifi-api beside): the tests of the Hive module run on a class path with the full Hadoop, which
 * hides classes the main NAR's shaded client lacks.
 */
class HiveNarClassLoadingIT {
    @TempDir
    static Path directory;

    private static ClassLoader hiveNar;
    private static ClassLoader mainNar;

    @BeforeAll
    static void stackTheNars() throws IOException, URISyntaxException {
        final List<URL> main = bundled(Path.of(System.getProperty("nar.file", "../nifi-fusion-nar/target/nifi-fusion-nar.nar")), directory.resolve("main"));
        main.add(jarOf(org.apache.nifi.processor.Processor.class));
        main.add(jarOf(org.slf4j.Logger.class));
        mainNar = new URLClassLoader(main.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        final List<URL> hive = bundled(Path.of(System.getProperty("hive.nar.file", "../nifi-fusion-hive-nar/target/nifi-fusion-hive-nar.nar")),
                directory.resolve("hive"));
        hiveNar = new URLClassLoader(hive.toArray(new URL[0]), mainNar);
    }

    @Test
    void theMetastoreClientConnectsOrNamesWhyNot() throws Exception {
        final int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final Class<?> connectionClass = hiveNar.loadClass("io.nififusion.hive.metastore.MetastoreConnection");
        final Class<?> authenticationClass = hiveNar.loadClass("io.nififusion.hive.metastore.MetastoreAuthentication");
        final Object connection = connectionClass.getConstructor(String.class, authenticationClass, int.class, int.class)
                .newInstance("thrift://127.0.0.1:" + closedPort, authenticationClass.getMethod("none").invoke(null), 2, 1);
        final Class<?> callClass = hiveNar.loadClass("io.nififusion.hive.metastore.MetastoreCall");
        final Object call = Proxy.newProxyInstance(hiveNar, new Class<?>[]{callClass}, (proxy, method, arguments) ->
                arguments[0].getClass().getMethod("getAllDatabases").invoke(arguments[0]));
        final ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(hiveNar);
        try {
            connectionClass.getMethod("execute", callClass).invoke(connection, call);
        } catch (final InvocationTargetException e) {
            assertEquals("io.nififusion.hive.metastore.MetastoreReplicationException", e.getCause().getClass().getName(), String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("127.0.0.1:" + closedPort), e.getCause().getMessage());
            return;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        throw new AssertionError("a closed port answered");
    }

    @Test
    void notificationsAndPartitionNamesNeedNothingTheNarsLack() throws Exception {
        final Class<?> selection = hiveNar.loadClass("io.nififusion.hive.metastore.DatabaseSelection");
        final Object sales = selection.getMethod("parse", String.class).invoke(null, "sales");
        final Object mapper = hiveNar.loadClass("io.nififusion.hive.metastore.NotificationEventMapper").getConstructor(selection).newInstance(sales);
        final Class<?> eventClass = hiveNar.loadClass("org.apache.hadoop.hive.metastore.api.NotificationEvent");
        final Object event = eventClass.getConstructor(long.class, int.class, String.class, String.class)
                .newInstance(1L, 0, "DROP_PARTITION", "{\"partitions\":[{\"dt\":\"2026-12-01\",\"country\":\"a/b\"}]}");
        eventClass.getMethod("setDbName", String.class).invoke(event, "sales");
        eventClass.getMethod("setTableName", String.class).invoke(event, "orders");
        eventClass.getMethod("setMessageFormat", String.class).invoke(event, "json-0.2");
        assertEquals("[PARTITION sales.orders/dt=2026-12-01/country=a%2Fb]", String.valueOf(mapper.getClass().getMethod("map", eventClass).invoke(mapper, event)));
        // the parent's libraries win: one Jackson, one Hadoop, one set of service interfaces for both NARs
        assertSame(mainNar, hiveNar.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getClassLoader());
        assertSame(mainNar, hiveNar.loadClass("org.apache.hadoop.conf.Configuration").getClassLoader());
        assertSame(mainNar, hiveNar.loadClass("io.nififusion.services.target.FusionTargetService").getClassLoader());
    }

    private static List<URL> bundled(final Path nar, final Path into) throws IOException {
        final List<URL> jars = new ArrayList<>();
        Files.createDirectories(into);
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                final ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/bundled-dependencies/") && entry.getName().endsWith(".jar")) {
                    final Path jar = into.resolve(entry.getName().substring(entry.getName().lastIndexOf('/') + 1));
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, jar);
                    }
                    jars.add(jar.toUri().toURL());
                }
            }
        }
        return jars;
    }

    private static URL jarOf(final Class<?> type) throws URISyntaxException, IOException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    }
}
