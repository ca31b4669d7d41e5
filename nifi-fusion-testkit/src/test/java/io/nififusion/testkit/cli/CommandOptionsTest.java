package io.nififusion.testkit.cli;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandOptionsTest {
    private static final Set<String> NAMES = Set.of("--conf", "--seconds");

    @Test
    void givenOptionsAfterTheCommandWordAreReadAndTheOthersKeepTheirDefaults() {
        final CommandOptions options = CommandOptions.parse(new String[] {"churn", "--seconds", "30"}, 1, NAMES);

        assertEquals(30, options.getLong("--seconds", 600));
        assertNull(options.get("--conf", null));
        assertEquals("/x", options.get("--conf", "/x"));
    }

    @Test
    void anUnknownOptionAndAMissingValueAreRefusedByName() {
        assertEquals("Unknown option --root (try --help)",
                assertThrows(IllegalArgumentException.class, () -> CommandOptions.parse(new String[] {"seed", "--root", "/d"}, 1, NAMES)).getMessage());
        assertEquals("Missing value for --conf",
                assertThrows(IllegalArgumentException.class, () -> CommandOptions.parse(new String[] {"seed", "--conf"}, 1, NAMES)).getMessage());
    }
}
