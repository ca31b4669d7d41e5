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

    /**
     * A failure and its causes as one readable line: the outermost message that says something, then the root cause
     * when it adds to it, as in {@code ConnectException: Connection refused (root cause ClosedChannelException)}; never
     * the same class and message twice, never a stack of "caused by".
     */
    public static String describe(final Throwable failure) {
        if (failure == null) {
            return "";
        }
        Throwable headline = failure;
        while (hasCause(headline) && (isBlank(headline.getMessage()) || headline.getMessage().equals(headline.getCause().toString()))) {
            // a wrapper that only repeats its cause
            headline = headline.getCause();
        }
        Throwable root = headline;
        for (int depth = 0; hasCause(root) && depth < 20; depth++) {
            root = root.getCause();
        }
        final StringBuilder line = new StringBuilder(describeOne(headline));
        if (root != headline) {
            final String rootText = describeOne(root);
            final String rootEssence = isBlank(root.getMessage()) ? root.getClass().getSimpleName() : firstLine(root.getMessage());
            if (!line.toString().contains(rootEssence)) {
                line.append(" (root cause ").append(rootText).append(')');
            }
        }
        return line.toString();
    }

    private static String describeOne(final Throwable throwable) {
        return throwable.getClass().getSimpleName() + (isBlank(throwable.getMessage()) ? "" : ": " + firstLine(throwable.getMessage()));
    }

    private static boolean hasCause(final Throwable throwable) {
        return throwable.getCause() != null && throwable.getCause() != throwable;
    }

    private static boolean isBlank(final String text) {
        return text == null || text.isBlank();
    }
}
