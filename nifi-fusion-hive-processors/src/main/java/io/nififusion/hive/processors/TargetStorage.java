package io.nififusion.hive.processors;

import io.nififusion.services.target.AbfsLocation;
import io.nififusion.services.target.FusionTargetService;

/**
 * The target filesystem as the target cluster names it in metastore locations. Given explicitly, or built from the
 * target service: at an Azure cloud its transit URI already is {@code abfss://fs@account.dfs.<suffix>/}; at a custom
 * endpoint (a private endpoint, an emulator) the cluster still names the account by its public DNS name.
 */
final class TargetStorage {
    static final String DEFAULT_SUFFIX = "dfs.core.windows.net";

    private TargetStorage() {
    }

    static String of(final String configured, final FusionTargetService target) {
        if (configured != null && !configured.isBlank()) {
            final AbfsLocation location = AbfsLocation.parse(configured);
            final String scheme = configured.strip().toLowerCase(java.util.Locale.ROOT).startsWith("abfss") ? "abfss" : "abfs";
            return scheme + "://" + location.fileSystem() + "@" + location.accountName() + "." + location.endpointSuffix();
        }
        String suffix = DEFAULT_SUFFIX;
        final String transitUri = target.getTransitUri("");
        if (transitUri != null && transitUri.startsWith("abfss://")) {
            suffix = AbfsLocation.parse(transitUri).endpointSuffix();
        }
        return "abfs://" + target.getFileSystemName() + "@" + target.getAccountName() + "." + suffix;
    }
}
