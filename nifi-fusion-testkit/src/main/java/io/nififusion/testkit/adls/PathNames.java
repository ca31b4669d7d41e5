package io.nififusion.testkit.adls;

/**
 * The service's rules for path names on a hierarchical-namespace account, applied to a decoded path inside a
 * filesystem (no leading or trailing slash). Documented (Naming and Referencing Containers, Blobs, and Metadata): 1 to
 * 1,024 characters, no control characters or listed non-characters, and names should not end with a dot because the
 * service removes it. Chosen where undocumented, the stricter way (see docs/adls-emulator.md): 255 characters per
 * segment, at most 59 segments (the depth at which a user saw 409 PathIsTooDeep), no empty, all-dot or backslash
 * segments.
 */
final class PathNames {

    static final int MAX_PATH_LENGTH = 1024;
    static final int MAX_SEGMENT_LENGTH = 255;
    static final int MAX_SEGMENTS = 59;

    private PathNames() {
    }

    /**
     * Checks a path as the service would on any request naming it, and returns it the way the service stores it:
     * every segment without its trailing dots.
     *
     * @param path decoded path inside the filesystem
     * @return the stored name
     */
    static String normalize(final String path) {
        checkLength(path);
        final StringBuilder stored = new StringBuilder(path.length());
        for (final String segment : path.split("/", -1)) {
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw outOfRange();
            }
            int end = segment.length();
            while (end > 0 && segment.charAt(end - 1) == '.') {
                end--;
            }
            // An empty or all-dot segment ("a//b", "a/../b") would name another path once trimmed
            if (end == 0 || segment.indexOf('\\') >= 0 || hasUnsupportedCharacter(segment)) {
                throw invalidName();
            }
            if (!stored.isEmpty()) {
                stored.append('/');
            }
            stored.append(segment, 0, end);
        }
        return stored.toString();
    }

    /**
     * Checks that a path may be created, by a create or as the destination of a rename (its own or a moved
     * descendant's).
     *
     * @param path stored name
     */
    static void checkCreatable(final String path) {
        checkLength(path);
        int segments = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                segments++;
            }
        }
        if (segments > MAX_SEGMENTS) {
            throw new AdlsServiceException(409, "PathIsTooDeep", "This operation is not permitted as the path is too deep.");
        }
    }

    private static void checkLength(final String path) {
        // String length counts UTF-16 units: a character outside the BMP counts twice, never less than the service
        if (path.length() > MAX_PATH_LENGTH) {
            throw outOfRange();
        }
    }

    /** Control characters and the Unicode non-characters the service refuses, with their whole documented ranges. */
    private static boolean hasUnsupportedCharacter(final String segment) {
        int i = 0;
        while (i < segment.length()) {
            final int codePoint = segment.codePointAt(i);
            if (codePoint < 0x20 || codePoint == 0x7F || (codePoint >= 0x80 && codePoint <= 0x9F)
                    || (codePoint >= 0xD800 && codePoint <= 0xDFFF) || (codePoint >= 0xE000 && codePoint <= 0xF8FF)
                    || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint >= 0xFFF0 && codePoint <= 0xFFFF)
                    || (codePoint & 0xFFFE) == 0xFFFE) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    private static AdlsServiceException outOfRange() {
        return AdlsServiceException.badRequest("OutOfRangeInput", "The specified resource name length is not within the permissible limits.");
    }

    private static AdlsServiceException invalidName() {
        return AdlsServiceException.badRequest("InvalidResourceName", "The specifed resource name contains invalid characters.");
    }
}
