package io.nififusion.processors.common;

import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.nifi.components.PropertyDescriptor;

/** The descriptor every processor that reads the source cluster shares, so one name and one description reach the operator. */
public final class HdfsSourceProperties {

    public static final PropertyDescriptor HDFS_SOURCE_SERVICE = new PropertyDescriptor.Builder()
            .name("HDFS Source Service")
            .description("The source Hadoop cluster: its configuration, its Kerberos identity and the user every HDFS call runs as.")
            .identifiesControllerService(HdfsSourceService.class)
            .required(true)
            .build();

    private HdfsSourceProperties() {
    }
}
