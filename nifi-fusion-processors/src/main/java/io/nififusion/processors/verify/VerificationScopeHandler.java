package io.nififusion.processors.verify;

import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

/** What VerifyChecksum does on a trigger for its Verification Scope, chosen once when the processor is scheduled. */
interface VerificationScopeHandler {

    void onTrigger(ProcessContext context, ProcessSession session);
}
