package io.nififusion.processors.verify;

import io.nififusion.core.verify.VerificationDepth;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The verification depths offered in the processor configuration. */
public enum VerificationDepthOption implements AllowableValueEnum {
    QUICK("Quick", "Existence, size, and the source COMPOSITE_CRC (computed by the DataNodes) against the CRC32C recorded at the target "
            + "when the file was copied. No file bytes are read on either side.", VerificationDepth.QUICK),
    DEEP("Deep", "Existence, size, and the source COMPOSITE_CRC against the CRC32C of the target bytes, read back from ADLS. Proves what is "
            + "stored, independent of the copier; costs one full read of every target file.", VerificationDepth.DEEP);

    private final AllowableValue allowableValue;
    private final VerificationDepth depth;

    VerificationDepthOption(final String displayName, final String description, final VerificationDepth depth) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.depth = depth;
    }

    public VerificationDepth getDepth() {
        return depth;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
