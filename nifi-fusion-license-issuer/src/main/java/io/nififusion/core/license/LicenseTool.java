package io.nififusion.core.license;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Command line for license issuers (see {@code docs/license.md}):
 * <pre>
 * keygen  --out DIR
 * issue   --private-key FILE --licensee NAME --expires DATE [--not-before DATE] [--license-id ID]
 *         [--features a,b] [--capacity-bytes N] [--out FILE]
 * inspect --license TOKEN|FILE [--public-key FILE]
 * </pre>
 * A DATE is {@code yyyy-MM-dd} (UTC; an expiry date is valid through the end of that day) or an ISO-8601 instant.
 * Exit codes: 0 success (for inspect: the license is valid), 1 invalid license, 2 usage or input error.
 */
public final class LicenseTool {
    static final String PRIVATE_KEY_FILE = "issuer-private-key.pem";
    static final String PUBLIC_KEY_FILE = "issuer-public-key.txt";

    private static final int OK = 0;
    private static final int INVALID = 1;
    private static final int USAGE = 2;
    private static final String USAGE_TEXT = """
            Usage: LicenseTool <command> [options]
              keygen  --out DIR                      create an Ed25519 issuer key pair in DIR
              issue   --private-key FILE --licensee NAME --expires DATE
                      [--not-before DATE] [--license-id ID] [--features a,b] [--capacity-bytes N] [--out FILE]
                                                     print (or write to FILE) a signed license key
              inspect --license TOKEN|FILE [--public-key FILE]
                                                     check a license key (default: the project's issuer key)
            DATE is yyyy-MM-dd (UTC; an expiry date is valid through the end of that day) or an ISO-8601 instant.""";

    private final PrintStream out;
    private final PrintStream err;

    LicenseTool(final PrintStream out, final PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(final String[] args) {
        final int exitCode = new LicenseTool(System.out, System.err).run(args);
        if (exitCode != OK) {
            System.exit(exitCode);
        }
    }

    int run(final String[] args) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            final Map<String, String> options = parseOptions(args);
            return switch (args[0]) {
                case "keygen" -> keygen(options);
                case "issue" -> issue(options);
                case "inspect" -> inspect(options);
                default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'");
            };
        } catch (final IllegalArgumentException | LicenseFormatException | IOException e) {
            err.println("Error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
    }

    private int keygen(final Map<String, String> options) throws IOException {
        final Path directory = Path.of(required(options, "out"));
        Files.createDirectories(directory);
        final Path privateKeyFile = directory.resolve(PRIVATE_KEY_FILE);
        final Path publicKeyFile = directory.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateKeyFile) || Files.exists(publicKeyFile)) {
            throw new FileAlreadyExistsException(directory + " already holds an issuer key pair; choose another directory");
        }
        final KeyPair keyPair = IssuerKeys.generateKeyPair();
        Files.createFile(privateKeyFile);
        restrictToOwner(privateKeyFile);
        Files.writeString(privateKeyFile, IssuerKeys.encodePrivateKey(keyPair.getPrivate()), StandardCharsets.US_ASCII);
        final String publicKeyText = LicenseKeys.encodePublicKey(keyPair.getPublic());
        Files.writeString(publicKeyFile, publicKeyText + "\n", StandardCharsets.US_ASCII);
        out.println("Private key (keep secret, offline): " + privateKeyFile);
        out.println("Public key (set as the service's License Issuer Public Key): " + publicKeyFile);
        out.println(publicKeyText);
        return OK;
    }

    private int issue(final Map<String, String> options) throws IOException, LicenseFormatException {
        final String privateKeyText = Files.readString(Path.of(required(options, "private-key")), StandardCharsets.US_ASCII);
        final LicenseIssuer issuer = new LicenseIssuer(IssuerKeys.decodePrivateKey(privateKeyText), null);
        final Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final String notBefore = options.get("not-before");
        final String capacity = options.get("capacity-bytes");
        final List<String> features = new ArrayList<>();
        if (options.containsKey("features")) {
            for (final String feature : options.get("features").split(",")) {
                if (!feature.isBlank()) {
                    features.add(feature.strip());
                }
            }
        }
        final License license = new License(
                required(options, "licensee"),
                options.getOrDefault("license-id", UUID.randomUUID().toString()),
                issued,
                notBefore == null ? null : parseInstant(notBefore, false),
                parseInstant(required(options, "expires"), true),
                features,
                capacity == null ? null : parseCapacity(capacity));
        final String token = issuer.issue(license);
        final String outFile = options.get("out");
        if (outFile == null) {
            out.println(token);
        } else {
            Files.writeString(Path.of(outFile), token + "\n", StandardCharsets.US_ASCII);
            out.println("License " + license.licenseId() + " for " + license.licensee() + " valid until " + license.expires() + " written to " + outFile);
        }
        return OK;
    }

    private int inspect(final Map<String, String> options) throws IOException, LicenseFormatException {
        final String publicKeyFile = options.get("public-key");
        final PublicKey publicKey = publicKeyFile == null
                ? LicenseKeys.defaultIssuerPublicKey()
                : LicenseKeys.decodePublicKey(Files.readString(Path.of(publicKeyFile), StandardCharsets.US_ASCII));
        final String licenseArgument = required(options, "license");
        final String token = isRegularFile(licenseArgument) ? Files.readString(Path.of(licenseArgument), StandardCharsets.US_ASCII) : licenseArgument;
        final LicenseCheck check = new LicenseVerifier(publicKey).check(token, Instant.now());
        out.println("Status: " + check.status());
        out.println(check.explanation());
        final License license = check.license();
        if (license != null) {
            out.println("Licensee: " + license.licensee());
            out.println("License ID: " + license.licenseId());
            out.println("Issued: " + license.issued());
            out.println("Valid from: " + license.validFrom());
            out.println("Expires: " + license.expires());
            out.println("Features: " + (license.features().isEmpty() ? "(none)" : String.join(",", license.features())));
            out.println("Capacity bytes: " + (license.capacityBytes() == null ? "unlimited" : license.capacityBytes()));
        }
        return check.isValid() ? OK : INVALID;
    }

    /** A license argument is a file when one exists by that name, otherwise the key itself. */
    private static boolean isRegularFile(final String argument) {
        try {
            return Files.isRegularFile(Path.of(argument));
        } catch (final InvalidPathException e) {
            return false;
        }
    }

    private static Map<String, String> parseOptions(final String[] args) {
        final Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected '--option value' at '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(final Map<String, String> options, final String name) {
        final String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option --" + name + " is required");
        }
        return value;
    }

    static Instant parseInstant(final String text, final boolean endOfDay) {
        try {
            if (text.length() == 10) {
                final LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither yyyy-MM-dd nor an ISO-8601 instant");
        }
    }

    private static long parseCapacity(final String text) {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--capacity-bytes must be a whole number of bytes");
        }
    }

    private static void restrictToOwner(final Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
