package io.nififusion.testkit.adls;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator until the process is stopped, e.g. to back a real NiFi on loopback:
 * {@code --port 10004 --account fusionemulator --key <base64> --data-dir /tmp/adls}.
 */
public final class AdlsEmulatorMain {

    private AdlsEmulatorMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final AdlsEmulator.Builder builder = AdlsEmulator.builder().port(10004);
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                System.out.println("Options: --port N (10004; 0 = ephemeral) --account NAME --key BASE64 --data-dir DIR");
                return;
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
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        final AdlsEmulator emulator = builder.build().start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "adls-emulator-shutdown"));
        System.out.println("ADLS Gen2 emulator listening");
        System.out.println("  endpoint       " + emulator.getEndpoint());
        System.out.println("  account        " + emulator.getAccountName());
        System.out.println("  account key    " + emulator.getAccountKey());
        System.out.println("  token endpoint " + emulator.getTokenEndpoint() + " (client " + emulator.getClientId()
                + " / " + emulator.getClientSecret() + ")");
        System.out.println("  data directory " + emulator.getDataDirectory());
        stopped.await();
    }
}
