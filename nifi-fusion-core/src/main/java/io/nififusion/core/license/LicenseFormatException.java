package io.nififusion.core.license;

/** A license token or key that cannot be read. Messages never contain the token or key text. */
public class LicenseFormatException extends Exception {

    public LicenseFormatException(final String message) {
        super(message);
    }

    public LicenseFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
