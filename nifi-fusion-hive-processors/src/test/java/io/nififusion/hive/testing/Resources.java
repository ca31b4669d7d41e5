package io.nififusion.hive.testing;

/** What a test class opened, closed in the order given, those never opened (null) left out. */
public final class Resources {

    private Resources() {
    }

    public static void closeAll(final AutoCloseable... resources) throws Exception {
        for (final AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
