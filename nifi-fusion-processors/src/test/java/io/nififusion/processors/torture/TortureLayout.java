package io.nififusion.processors.torture;

import java.util.List;
import java.util.Locale;

/**
 * Where one run lives, so runs of one JVM never share a path: on the source a base directory holding the mapped tree
 * (two listing roots, and a directory that is mapped but no root, which the target must never hold) and an unmapped
 * directory to rename in from and out to; on the target a filesystem of its own.
 *
 * @param runName name of the run in logs and files
 * @param base source directory of the run
 * @param mappedSourceRoot source root of the target service's path mapping
 * @param listingRoots source roots of ListHDFSChanges, below the mapped root
 * @param mappedOutside below the mapped root but in no listing root: never replicated
 * @param unmappedOutside outside the mapping altogether
 * @param fileSystem target filesystem (container) of the run
 * @param targetRoot target directory the mapped source root maps to
 */
record TortureLayout(String runName, String base, String mappedSourceRoot, List<String> listingRoots, String mappedOutside,
                     String unmappedOutside, String fileSystem, String targetRoot) {

    static TortureLayout forRun(final int runNumber, final long seed, final String modeName) {
        final String runName = String.format(Locale.ROOT, "run%03d-seed%d-%s", runNumber, seed, modeName);
        final String base = "/torture/" + runName;
        final String mapped = base + "/data";
        final String fileSystem = String.format(Locale.ROOT, "torture-%03d-%s", runNumber, Long.toHexString(seed & 0xffffffffL));
        return new TortureLayout(runName, base, mapped, List.of(mapped + "/sales", mapped + "/logs"), mapped + "/outside", base + "/incoming",
                fileSystem, "migrated");
    }

    /** The listing roots as the Source Roots property takes them. */
    String listingRootsProperty() {
        return String.join(",", listingRoots);
    }

    /** The target path (relative to the filesystem) of a path below the mapped source root, by plain prefix replacement. */
    String targetPathOf(final String sourcePath) {
        if (sourcePath.equals(mappedSourceRoot)) {
            return targetRoot;
        }
        if (!sourcePath.startsWith(mappedSourceRoot + "/")) {
            throw new IllegalArgumentException(sourcePath + " is not below " + mappedSourceRoot);
        }
        return targetRoot + sourcePath.substring(mappedSourceRoot.length());
    }

    boolean isInListingRoot(final String sourcePath) {
        for (final String root : listingRoots) {
            if (sourcePath.equals(root) || sourcePath.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }
}
