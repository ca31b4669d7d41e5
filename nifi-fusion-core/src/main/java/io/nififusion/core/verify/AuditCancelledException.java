package io.nififusion.core.verify;

import java.io.IOException;

/** The audit was stopped before it covered the whole tree (the processor was stopped): its report is incomplete. */
public class AuditCancelledException extends IOException {
    public AuditCancelledException(final String message) {
        super(message);
    }
}
