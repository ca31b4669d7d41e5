package io.nififusion.processors.replicate;

import io.nififusion.core.copy.IdentityMapping;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.listing.ExclusionFilter;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.DataUnit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The replicator's settings from ReplicateToADLS's properties, read once when the processor is scheduled. */
final class ReplicatorSettingsReader {

    private ReplicatorSettingsReader() {
    }

    static ReplicatorSettings read(final PropertyContext context) throws IOException {
        final int parallelism = context.getProperty(ReplicateToADLS.PARALLEL_CHUNKS).asInteger();
        final PreserveMetadataOption preserve = context.getProperty(ReplicateToADLS.PRESERVE_METADATA).asAllowableValue(PreserveMetadataOption.class);
        final boolean mapsIdentities = preserve == PreserveMetadataOption.PERMISSIONS_OWNERSHIP || preserve == PreserveMetadataOption.ALL;
        final String mappingFile = mapsIdentities ? context.getProperty(ReplicateToADLS.IDENTITY_MAPPING_FILE).getValue() : null;
        final IdentityMapping identityMapping = mappingFile == null ? IdentityMapping.EMPTY : IdentityMapping.load(Path.of(mappingFile));
        final DeletePolicyOption deletePolicy = context.getProperty(ReplicateToADLS.DELETE_POLICY).asAllowableValue(DeletePolicyOption.class);
        return new ReplicatorSettings(
                context.getProperty(ReplicateToADLS.CHUNK_SIZE).asDataSize(DataUnit.B).intValue(),
                parallelism,
                context.getProperty(ReplicateToADLS.CHECKPOINT_INTERVAL).asInteger(),
                context.getProperty(ReplicateToADLS.MAX_COPY_ATTEMPTS).asInteger(),
                context.getProperty(ReplicateToADLS.TEMP_NAME_PREFIX).getValue(),
                context.getProperty(ReplicateToADLS.EXISTING_TARGET_POLICY).asAllowableValue(ExistingTargetPolicyOption.class).getPolicy(),
                deletePolicy.getPolicy(),
                preserve.getPreservation(),
                identityMapping,
                true,
                ExclusionFilter.parse(context.getProperty(ReplicateToADLS.EXCLUSIONS).getValue()),
                Duration.ofMillis(context.getProperty(ReplicateToADLS.ORPHANED_TEMP_AGE).asTimePeriod(TimeUnit.MILLISECONDS)),
                deletePolicy == DeletePolicyOption.KEEP_IN_TRASH && context.getProperty(ReplicateToADLS.KEEP_REPLACED_VERSIONS).asBoolean());
    }
}
