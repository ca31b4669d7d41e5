package io.nififusion.testkit.adls;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * HTTP conditions of a request on a path: If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since (or
 * their {@code x-ms-source-*} twins for a rename source).
 */
record AccessConditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

    static final AccessConditions NONE = new AccessConditions(null, null, null, null);

    boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /**
     * @param etag ETag of the existing path, or null when it does not exist
     * @param lastModified last modification of the existing path, or null
     * @return true when every condition holds
     */
    boolean holds(final String etag, final Instant lastModified) {
        if (ifMatch != null) {
            if (etag == null || !("*".equals(ifMatch.trim()) || sameEtag(ifMatch, etag))) {
                return false;
            }
        }
        if (ifNoneMatch != null && etag != null) {
            if ("*".equals(ifNoneMatch.trim()) || sameEtag(ifNoneMatch, etag)) {
                return false;
            }
        }
        if (lastModified != null) {
            final Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
            if (ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
                return false;
            }
            if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
                return false;
            }
        }
        return true;
    }

    /** @return true when the failure comes from {@code If-None-Match: *} against an existing path */
    boolean failsOnlyBecauseItExists(final String etag) {
        return etag != null && ifNoneMatch != null && "*".equals(ifNoneMatch.trim());
    }

    static boolean sameEtag(final String listed, final String etag) {
        for (final String candidate : listed.split(",")) {
            if (strip(candidate).equals(strip(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String strip(final String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
