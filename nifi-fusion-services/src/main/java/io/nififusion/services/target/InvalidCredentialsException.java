package io.nififusion.services.target;

/** A credential setting that cannot work, naming the property to fix; the message never repeats a secret value. */
public final class InvalidCredentialsException extends IllegalArgumentException {
    private final String property;

    InvalidCredentialsException(final String property, final String message) {
        super(message);
        this.property = property;
    }

    /** Display name of the property to fix, such as {@code Account Key}. */
    public String getProperty() {
        return property;
    }

    static String required(final String value, final String property, final String usedFor) {
        if (value == null || value.isBlank()) {
            throw new InvalidCredentialsException(property, property + " is required for " + usedFor);
        }
        return value.strip();
    }
}
