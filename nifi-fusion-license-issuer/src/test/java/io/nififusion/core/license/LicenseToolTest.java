package io.nififusion.core.license;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseToolTest {

    @TempDir
    Path directory;

    @Test
    void keygenIssueInspectRoundTrip() throws Exception {
        final Run keygen = run("keygen", "--out", directory.toString());
        assertEquals(0, keygen.exitCode, keygen.err);
        final Path privateKey = directory.resolve(LicenseTool.PRIVATE_KEY_FILE);
        final Path publicKey = directory.resolve(LicenseTool.PUBLIC_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
        assertTrue(keygen.out.contains(Files.readString(publicKey).strip()));

        final Run issue = run("issue", "--private-key", privateKey.toString(), "--licensee", "Contoso Ltd", "--expires", "2099-12-31",
                "--features", "replication, verify", "--capacity-bytes", "1099511627776", "--license-id", "L-77");
        assertEquals(0, issue.exitCode, issue.err);
        final String token = issue.out.strip();

        final License license = new LicenseVerifier(LicenseKeys.decodePublicKey(Files.readString(publicKey))).check(token, Instant.now()).license();
        assertEquals("Contoso Ltd", license.licensee());
        assertEquals("L-77", license.licenseId());
        assertEquals(Instant.parse("2100-01-01T00:00:00Z"), license.expires());
        assertEquals(List.of("replication", "verify"), license.features());
        assertEquals(1099511627776L, license.capacityBytes());

        final Path licenseFile = directory.resolve("license.txt");
        final Run issueToFile = run("issue", "--private-key", privateKey.toString(), "--licensee", "Contoso Ltd", "--expires", "2099-12-31",
                "--out", licenseFile.toString());
        assertEquals(0, issueToFile.exitCode, issueToFile.err);
        assertTrue(issueToFile.out.contains("written to " + licenseFile));
        final Run inspect = run("inspect", "--public-key", publicKey.toString(), "--license", licenseFile.toString());
        assertEquals(0, inspect.exitCode, inspect.err);
        assertTrue(inspect.out.contains("Status: VALID"));
        assertTrue(inspect.out.contains("Licensee: Contoso Ltd"));
    }

    @Test
    void inspectReportsExpiredAndForeignLicenses() throws Exception {
        assertEquals(0, run("keygen", "--out", directory.toString()).exitCode);
        final String privateKey = directory.resolve(LicenseTool.PRIVATE_KEY_FILE).toString();
        final String publicKey = directory.resolve(LicenseTool.PUBLIC_KEY_FILE).toString();

        final String expired = run("issue", "--private-key", privateKey, "--licensee", "Old", "--expires", "2020-01-31",
                "--not-before", "2020-01-01").out.strip();
        final Run inspectExpired = run("inspect", "--public-key", publicKey, "--license", expired);
        assertEquals(1, inspectExpired.exitCode);
        assertTrue(inspectExpired.out.contains("Status: EXPIRED"));

        final String valid = run("issue", "--private-key", privateKey, "--licensee", "New", "--expires", "2099-01-01").out.strip();
        final Run againstDefaultIssuer = run("inspect", "--license", valid);
        assertEquals(1, againstDefaultIssuer.exitCode);
        assertTrue(againstDefaultIssuer.out.contains("Status: TAMPERED"));
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertEquals(2, run().exitCode);
        assertEquals(2, run("sign").exitCode);
        assertEquals(2, run("issue", "--licensee", "X").exitCode);
        assertEquals(0, run("keygen", "--out", directory.toString()).exitCode);
        final Run again = run("keygen", "--out", directory.toString());
        assertEquals(2, again.exitCode);
        assertTrue(again.err.contains("already holds an issuer key pair"));
        final Run badDate = run("issue", "--private-key", directory.resolve(LicenseTool.PRIVATE_KEY_FILE).toString(),
                "--licensee", "X", "--expires", "31/12/2027");
        assertEquals(2, badDate.exitCode);
        assertTrue(badDate.err.contains("neither yyyy-MM-dd nor an ISO-8601 instant"));
        final Path notAKey = Files.writeString(directory.resolve("not-a-key.pem"), "hello");
        assertEquals(2, run("issue", "--private-key", notAKey.toString(), "--licensee", "X", "--expires", "2030-01-01").exitCode);
    }

    private static Run run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode = new LicenseTool(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
