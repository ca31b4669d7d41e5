package io.nififusion.core.listing;

/**
 * What a source listing covers and how much one run may emit, whatever the change capture.
 *
 * @param roots the source roots
 * @param exclusions paths left out, with everything below them
 * @param initialScan whether everything under the roots is listed before changes are followed
 * @param maxRecords most records one run emits (a change stream batch may end a little beyond it)
 */
public record ListingSettings(SourceRoots roots, ExclusionFilter exclusions, boolean initialScan, int maxRecords) {
}
