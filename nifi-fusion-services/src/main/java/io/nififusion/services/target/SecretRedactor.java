package io.nififusion.services.target;

import io.nififusion.core.ErrorMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secret values from text that leaves the service (log messages, verification explanations, exception
 * messages from the SDK or the network), so a secret cannot leak through an error that happens to echo a request.
 */
final class SecretRedactor {
    static final String MASK = "********";
    private static final Pattern SAS_SIGNATURE = Pattern.compile("(?i)(sig=)[^&\\s\"']+");
    private static final int SHORTEST_SECRET = 4;

    private final List<String> secrets;

    SecretRedactor(final List<String> secrets) {
        final List<String> kept = new ArrayList<>();
        for (final String secret : secrets) {
            if (secret != null && secret.strip().length() >= SHORTEST_SECRET) {
                kept.add(secret.strip());
            }
        }
        this.secrets = List.copyOf(kept);
    }

    String redact(final String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (final String secret : secrets) {
            redacted = redacted.replace(secret, MASK);
        }
        return SAS_SIGNATURE.matcher(redacted).replaceAll("$1" + MASK);
    }

    /** The message of the throwable and its causes in one line, redacted, for operators. */
    String describe(final Throwable throwable) {
        return redact(ErrorMessages.describe(throwable));
    }
}
