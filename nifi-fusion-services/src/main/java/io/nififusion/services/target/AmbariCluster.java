package io.nififusion.services.target;

import java.util.Map;

/**
 * What the service reads from an HDInsight cluster's Ambari.
 *
 * @param clusterName Ambari cluster name
 * @param provisioningState such as {@code INSTALLED}
 * @param healthReport Ambari {@code Clusters/health_report} counters, such as {@code Host/host_state/HEALTHY}
 * @param defaultFileSystem {@code fs.defaultFS} of the desired core-site configuration
 */
public record AmbariCluster(String clusterName, String provisioningState, Map<String, Long> healthReport, String defaultFileSystem) {
    private static final String HOST_STATE = "Host/host_state/";

    public AmbariCluster {
        healthReport = healthReport == null ? Map.of() : Map.copyOf(healthReport);
    }

    public long hostCount(final String state) {
        return healthReport.getOrDefault(HOST_STATE + state, 0L);
    }

    /** One line for operators, such as {@code cluster mycluster INSTALLED, hosts healthy 4, unhealthy 0, heartbeat lost 0}. */
    public String describe() {
        return "cluster " + clusterName + " " + provisioningState
                + ", hosts healthy " + hostCount("HEALTHY")
                + ", unhealthy " + hostCount("UNHEALTHY")
                + ", heartbeat lost " + hostCount("HEARTBEAT_LOST");
    }
}
