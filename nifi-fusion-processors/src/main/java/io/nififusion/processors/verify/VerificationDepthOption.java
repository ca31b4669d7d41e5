package io.nififusion.processors.verify;

import io.nififusion.core.verify.VerificationDepth;
import org.apache.nifi.components.DescribedValue;

/** The verification depths offered in the processor configuration. */
public enum VerificationDepthOption implements DescribedValue {
    QUICK("Quick", "Existence, size, and the source COMPOSITE_CRC (computed by the DataNodes) against the CRC32C recorded at the target "
            + "when the file was copied. No file bytes are read on either side.", VerificationDepth.QUICK),
    DEEP("Deep", "Existence, size, and the source COMPOSITE_CRC against the CRC32C of the target bytes, read back from ADLS. Proves what is "
            + "stored, independent of the copier; costs one full read of every target file.", VerificationDepth.DEEP);

    private final String displayName;
    private final String description;
    private final VerificationDepth depth;

    VerificationDepthOption(final String displayName, final String description, final VerificationDepth depth) {
        this.displayName = displayName;
        this.description = description;
        this.depth = depth;
    }

    public VerificationDepth getDepth() {
        return depth;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
