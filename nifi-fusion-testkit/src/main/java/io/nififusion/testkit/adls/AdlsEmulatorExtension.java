package io.nififusion.testkit.adls;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link AdlsEmulator} per test class on an ephemeral port and stops it after the class. Register it as
 * {@code @RegisterExtension static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();}. Faults and the
 * request log are cleared, and the list page cap and the flush-MD5 check reset to their defaults, before each test.
 */
public final class AdlsEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final AdlsEmulator.Builder builder;
    private AdlsEmulator emulator;

    public AdlsEmulatorExtension() {
        this(AdlsEmulator.builder());
    }

    /** @param builder settings of the emulator to start (its port is normally left at 0) */
    public AdlsEmulatorExtension(final AdlsEmulator.Builder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        emulator = builder.build().start();
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        emulator.faults().clear();
        emulator.clearRequestLog();
        emulator.setMaxListResults(5000);
        emulator.setFlushMd5Checked(false);
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** @return the running emulator of the current test class */
    public AdlsEmulator getEmulator() {
        if (emulator == null) {
            throw new IllegalStateException("The emulator runs only while the test class runs");
        }
        return emulator;
    }
}
