package io.nififusion.testkit.adls;

import java.util.ArrayList;
import java.util.List;

/** POSIX permission bits and ACL strings the way the DFS endpoint reads and writes them. */
final class PosixAccess {

    static final int DEFAULT_UMASK = 0027;

    private PosixAccess() {
    }

    /**
     * @param value symbolic ({@code rwxr-x---}, optionally with a trailing {@code +}) or octal ({@code 0750})
     * @return the nine permission bits and the sticky bit ({@code 01000}), which Azure shows as {@code t}/{@code T}
     */
    static final int STICKY = 01000;
    private static final int STICKY_AND_PERMISSIONS = 01777;

    static int parsePermissions(final String value) {
        final String trimmed = value.trim();
        if (trimmed.matches("[0-7]{3,4}")) {
            return Integer.parseInt(trimmed, 8) & STICKY_AND_PERMISSIONS;
        }
        final String symbolic = trimmed.endsWith("+") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        if (symbolic.length() != 9) {
            throw AdlsServiceException.badRequest("InvalidPermission", "The permission value is invalid: " + value);
        }
        int bits = 0;
        for (int i = 0; i < 9; i++) {
            final char c = symbolic.charAt(i);
            if (c != '-') {
                final char expected = "rwx".charAt(i % 3);
                final boolean stickyLike = i == 8 && (c == 't' || c == 'T');
                if (c != expected && !stickyLike) {
                    throw AdlsServiceException.badRequest("InvalidPermission", "The permission value is invalid: " + value);
                }
                if (c != 'T') {
                    bits |= 1 << (8 - i);
                }
                if (stickyLike) {
                    bits |= STICKY;
                }
            }
        }
        return bits;
    }

    static String toSymbolic(final int bits) {
        final StringBuilder builder = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            builder.append((bits & (1 << (8 - i))) != 0 ? "rwx".charAt(i % 3) : '-');
        }
        if ((bits & STICKY) != 0) {
            builder.setCharAt(8, (bits & 1) != 0 ? 't' : 'T');
        }
        return builder.toString();
    }

    private static String triad(final int bits, final int shift) {
        return toSymbolic((bits >> shift & 7) << 6).substring(0, 3);
    }

    /** @return the ACL with the owner, group and other entries taken from the bits, keeping extended entries */
    static String acl(final int bits, final String extendedAcl) {
        final StringBuilder builder = new StringBuilder();
        builder.append("user::").append(triad(bits, 6));
        final List<String> defaults = new ArrayList<>();
        String mask = null;
        String owningGroup = null;
        final List<String> named = new ArrayList<>();
        for (final String entry : split(extendedAcl)) {
            if (entry.startsWith("default:")) {
                defaults.add(entry);
            } else if (entry.startsWith("mask::")) {
                mask = entry;
            } else if (entry.startsWith("group::")) {
                owningGroup = entry;
            } else {
                named.add(entry);
            }
        }
        for (final String entry : named) {
            if (entry.startsWith("user:")) {
                builder.append(',').append(entry);
            }
        }
        builder.append(',').append(owningGroup != null && mask != null ? owningGroup : "group::" + triad(bits, 3));
        for (final String entry : named) {
            if (entry.startsWith("group:")) {
                builder.append(',').append(entry);
            }
        }
        if (mask != null) {
            builder.append(",mask::").append(triad(bits, 3));
        }
        builder.append(",other::").append(triad(bits, 0));
        for (final String entry : defaults) {
            builder.append(',').append(entry);
        }
        return builder.toString();
    }

    /** Result of applying an ACL: the permission bits it implies and the entries beyond owner/group/other. */
    record AppliedAcl(int permissions, String extendedAcl) {
    }

    static AppliedAcl applyAcl(final String acl) {
        int bits = 0;
        String groupBits = null;
        String maskBits = null;
        final List<String> extended = new ArrayList<>();
        for (final String entry : split(acl)) {
            final String[] parts = entry.split(":");
            if (entry.startsWith("default:") || parts.length != 3) {
                if (parts.length < 3) {
                    throw AdlsServiceException.badRequest("InvalidAccessControlList", "The access control list value is invalid.");
                }
                extended.add(entry);
                continue;
            }
            final String perms = parts[2];
            if (!perms.matches("[r-][w-][xtT-]")) {
                throw AdlsServiceException.badRequest("InvalidAccessControlList", "The access control list value is invalid.");
            }
            if ("user".equals(parts[0]) && parts[1].isEmpty()) {
                bits |= parsePermissions(perms + "------") ;
            } else if ("group".equals(parts[0]) && parts[1].isEmpty()) {
                groupBits = perms;
                extended.add(entry);
            } else if ("mask".equals(parts[0])) {
                maskBits = perms;
                extended.add(entry);
            } else if ("other".equals(parts[0])) {
                bits |= parsePermissions("------" + perms);
            } else {
                extended.add(entry);
            }
        }
        final String effectiveGroup = maskBits != null ? maskBits : groupBits;
        if (effectiveGroup != null) {
            bits |= parsePermissions("---" + effectiveGroup + "---");
        }
        final boolean hasExtended = maskBits != null || extended.size() > (groupBits != null ? 1 : 0);
        return new AppliedAcl(bits, hasExtended ? String.join(",", extended) : "");
    }

    static boolean hasExtendedEntries(final String extendedAcl) {
        for (final String entry : split(extendedAcl)) {
            if (!entry.startsWith("group::")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(final String acl) {
        final List<String> entries = new ArrayList<>();
        if (acl != null) {
            for (final String entry : acl.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }
}
