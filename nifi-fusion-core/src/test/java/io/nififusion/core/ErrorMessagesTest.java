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

    @Test
    void describesAChainOfCausesInOneLine() {
        final Exception chain = new java.net.ConnectException("Connection refused");
        chain.initCause(new java.net.ConnectException("Connection refused"));
        chain.getCause().initCause(new java.nio.channels.ClosedChannelException());
        final RuntimeException wrapped = new RuntimeException(chain);

        assertEquals("ConnectException: Connection refused (root cause ClosedChannelException)", ErrorMessages.describe(wrapped));
        assertEquals("IOException: Stream closed", ErrorMessages.describe(new java.io.IOException("Stream closed\n\tat somewhere")));
        assertEquals("IllegalStateException: bad (root cause IOException: disk full)",
                ErrorMessages.describe(new IllegalStateException("bad", new java.io.IOException("disk full"))));
        assertEquals("IOException: read failed: disk full", ErrorMessages.describe(new java.io.IOException("read failed: disk full",
                new java.io.IOException("disk full"))));
    }
}
