package io.nififusion.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorMessagesTest {

    @Test
    void keepsOnlyTheFirstLine() {
        assertEquals("Status code 404, \"PathNotFound\"", ErrorMessages.firstLine("Status code 404, \"PathNotFound\"\n{\"error\":{}}\n"));
        assertEquals("single line", ErrorMessages.firstLine("single line"));
        assertEquals("", ErrorMessages.firstLine(null));
    }
}
