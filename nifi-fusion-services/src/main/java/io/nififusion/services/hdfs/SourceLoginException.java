package io.nififusion.services.hdfs;

import io.nififusion.core.ErrorMessages;

import java.io.IOException;

/**
 * The source cluster cannot be called because the Kerberos login of its principal failed. An {@link IOException}, so
 * the items it stops are retried (the source is unavailable to us, nothing about the item is wrong) until the keytab
 * or the KDC is fixed.
 */
public final class SourceLoginException extends IOException {
    private final String principal;

    SourceLoginException(final String principal, final String problem, final Throwable cause) {
        super("Kerberos login of " + principal + " failed: " + problem + (cause == null ? "" : ": " + ErrorMessages.describe(cause))
                + "; check the keytab (or password) of the Kerberos User Service and that the KDC knows the principal", cause);
        this.principal = principal;
    }

    public String getPrincipal() {
        return principal;
    }
}
