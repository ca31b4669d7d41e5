package io.nififusion.processors.list;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyValue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether every listed root lies within the Source Root of the target service's mapping: a root outside it would list
 * records that replication refuses one by one. Checked when the properties are validated and again by Verify.
 */
final class RootsInTargetMapping {
    static final String STEP = "Check Roots Against Target Mapping";

    private RootsInTargetMapping() {
    }

    /** The roots the mapping does not cover, in the order given. */
    static List<String> outside(final SourceRoots roots, final TargetPathMapper mapper) {
        return roots.getRoots().stream().filter(root -> !mapper.covers(root)).toList();
    }

    static String explainOutside(final String root, final TargetPathMapper mapper) {
        return "Source Root " + root + " is outside the Source Root " + mapper.getSourceRoot() + " of the Fusion Target Service: "
                + "replication would refuse every record of it";
    }

    /** The Verify step: every root within the mapping (FAILED naming the others), or why the mapping cannot be read. */
    static ConfigVerificationResult verify(final String rootsValue, final PropertyValue targetService) {
        final ConfigVerificationResult.Builder step = new ConfigVerificationResult.Builder().verificationStepName(STEP);
        final SourceRoots roots;
        final FusionTargetService target;
        final TargetPathMapper mapper;
        try {
            roots = SourceRoots.parse(rootsValue);
            target = targetService.asControllerService(FusionTargetService.class);
            mapper = target.getPathMapper();
        } catch (final IllegalArgumentException | IllegalStateException e) {
            return step.outcome(ConfigVerificationResult.Outcome.FAILED).explanation(ErrorMessages.describe(e)).build();
        }
        final List<String> outside = outside(roots, mapper);
        if (!outside.isEmpty()) {
            return step.outcome(ConfigVerificationResult.Outcome.FAILED)
                    .explanation(outside.stream().map(root -> explainOutside(root, mapper)).collect(Collectors.joining("; "))).build();
        }
        return step.outcome(ConfigVerificationResult.Outcome.SUCCESSFUL).explanation("Every root is within " + mapper.getSourceRoot()
                + ", which the Fusion Target Service maps to " + target.getTransitUri(mapper.getTargetRoot())).build();
    }
}
