package io.nififusion.processors.common;

import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.components.PropertyDescriptor;

/** The target service descriptor the processors share, so one name and one description reach the operator. */
public final class TargetServiceProperties {

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = new PropertyDescriptor.Builder()
            .name("Fusion Target Service")
            .description("The Fusion license and the target: the ADLS Gen2 filesystem and the mapping of source paths to target paths")
            .identifiesControllerService(FusionTargetService.class)
            .required(true)
            .build();

    private TargetServiceProperties() {
    }
}
