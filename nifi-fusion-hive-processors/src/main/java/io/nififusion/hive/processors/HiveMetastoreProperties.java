package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.DatabaseSelection;
import io.nififusion.hive.metastore.MetastoreAuthentication;
import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.processors.common.HdfsSourceProperties;
import io.nififusion.processors.common.ParsingValidator;
import io.nififusion.services.target.AbfsLocation;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.kerberos.KerberosUserService;
import org.apache.nifi.processor.util.StandardValidators;

/** The descriptors the Hive processors share, so one name and one description reach the operator. */
public final class HiveMetastoreProperties {

    public static final PropertyDescriptor SOURCE_METASTORE_URI = new PropertyDescriptor.Builder()
            .name("Source Metastore URI")
            .description("Thrift URI of the source cluster's Hive Metastore, such as thrift://metastore.example.com:9083 (several comma-separated for "
                    + "an HA pair). Its notification log must be on (a DbNotificationListener in metastore.transactional.event.listeners) and "
                    + "readable by this user (metastore.metastore.event.db.notification.api.auth).")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(MetastoreConnection::checkUri))
            .build();

    public static final PropertyDescriptor TARGET_METASTORE_URI = new PropertyDescriptor.Builder()
            .name("Target Metastore URI")
            .description("Thrift URI of the HDInsight cluster's Hive Metastore, such as thrift://hn0-cluster.internal.cloudapp.net:9083 "
                    + "(Ambari: Hive > Configs > hive.metastore.uris). Left empty, it is read from that setting of the cluster named by the Fusion "
                    + "Target Service's HDInsight Cluster URL each time the processor starts or verifies.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(MetastoreConnection::checkUri))
            .build();

    public static final PropertyDescriptor SOURCE_METASTORE_PRINCIPAL = new PropertyDescriptor.Builder()
            .name("Source Metastore Principal")
            .description("The Kerberos principal of the source metastore when it requires SASL (metastore.sasl.enabled=true): its "
                    + "metastore.kerberos.principal, such as hive/_HOST@EXAMPLE.COM, where _HOST stands for the host of each Source Metastore URI. "
                    + "The connection then authenticates with Kerberos as the HDFS Source Service's user, whose login the service renews. "
                    + "Empty: the metastore is reached without SASL.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(MetastoreAuthentication::checkServerPrincipal))
            .build();

    /** ListHiveChanges reads no HDFS: it needs the source service only for its Kerberos user. */
    public static final PropertyDescriptor SOURCE_METASTORE_IDENTITY = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(HdfsSourceProperties.HDFS_SOURCE_SERVICE)
            .description("The source Hadoop cluster's service, whose Kerberos user the connection to a source metastore with SASL authenticates as.")
            .dependsOn(SOURCE_METASTORE_PRINCIPAL)
            .build();

    public static final PropertyDescriptor TARGET_METASTORE_PRINCIPAL = new PropertyDescriptor.Builder()
            .name("Target Metastore Principal")
            .description("The Kerberos principal of the target metastore when it requires SASL, as an HDInsight cluster with the Enterprise "
                    + "Security Package does: its metastore.kerberos.principal (Ambari: Hive > Configs > hive.metastore.kerberos.principal), such as "
                    + "hive/_HOST@CONTOSO.ONMICROSOFT.COM, where _HOST stands for the host of each target metastore URI. The connection then "
                    + "authenticates as the Target Kerberos User Service's principal. Empty: the metastore is reached without SASL.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(MetastoreAuthentication::checkServerPrincipal))
            .build();

    public static final PropertyDescriptor TARGET_KERBEROS_USER_SERVICE = new PropertyDescriptor.Builder()
            .name("Target Kerberos User Service")
            .description("The Kerberos identity the connection to a target metastore with SASL authenticates as: a principal of the HDInsight "
                    + "cluster's realm (for an ESP cluster, a user of its domain, with a keytab). The source cluster's identity is not used for the "
                    + "target, whose realm is another; where the realms trust each other, give this service the source's principal.")
            .identifiesControllerService(KerberosUserService.class)
            .required(true)
            .dependsOn(TARGET_METASTORE_PRINCIPAL)
            .build();

    public static final PropertyDescriptor DATABASE_PATTERNS = new PropertyDescriptor.Builder()
            .name("Database Patterns")
            .description("Comma-separated names of the databases to migrate; '*' matches any run of characters, such as sales,web_*. "
                    + "The system databases sys and information_schema are never chosen. Changing the patterns starts the listing over.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(DatabaseSelection::parse))
            .build();

    public static final PropertyDescriptor TARGET_STORAGE_URI = new PropertyDescriptor.Builder()
            .name("Target Storage URI")
            .description("The target filesystem as the HDInsight cluster names it in locations, such as abfs://data@account.dfs.core.windows.net "
                    + "(its fs.defaultFS). Locations are rewritten to it with the Fusion Target Service's path mapping. Empty: "
                    + "abfs://<filesystem>@<account>.dfs.<suffix> from the Fusion Target Service (dfs.core.windows.net at a custom endpoint).")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(new ParsingValidator(AbfsLocation::parse))
            .build();

    public static final PropertyDescriptor METASTORE_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Metastore Timeout")
            .description("How long one metastore call may wait for its answer; a call that times out routes its record to retry.")
            .required(true)
            .defaultValue("60 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    private HiveMetastoreProperties() {
    }
}
