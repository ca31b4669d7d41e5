package io.nififusion.services.target;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactorTest {

    @Test
    void masksConfiguredSecretsAndSasSignatures() {
        final SecretRedactor redactor = new SecretRedactor(Arrays.asList("s3cret-key", null, "ab", " padded-secret "));
        assertEquals("key ******** and ******** here", redactor.redact("key s3cret-key and padded-secret here"));
        assertEquals("GET /fs?sv=2025-01-05&sig=********&se=x", redactor.redact("GET /fs?sv=2025-01-05&sig=abc%2Fdef%3D&se=x"));
        // Two-character values are too short to mask without garbling every message
        assertEquals("ab", redactor.redact("ab"));
    }

    @Test
    void describesCauseChainsWithoutSecrets() {
        final SecretRedactor redactor = new SecretRedactor(List.of("hunter2-password"));
        final RuntimeException failure = new RuntimeException("request failed",
                new IOException("server said: bad password hunter2-password\nsecond line"));
        final String description = redactor.describe(failure);
        assertEquals("RuntimeException: request failed (root cause IOException: server said: bad password ********)", description);
        assertFalse(description.contains("second line"));
    }
}
