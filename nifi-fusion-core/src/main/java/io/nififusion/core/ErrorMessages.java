package io.nififusion.core;

/** One-line explanations of failures for validation results, verification steps, bulletins and error attributes. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * The first line of a message, empty when there is none: Hadoop's and Azure's messages carry request dumps and
     * stack-like detail after it, which belongs in the log, not in an attribute or a bulletin.
     */
    public static String firstLine(final String message) {
        if (message == null) {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
