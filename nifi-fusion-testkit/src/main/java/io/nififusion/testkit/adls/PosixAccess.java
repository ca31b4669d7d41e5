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

    /**
     * Reads an ACL the way the service does (and HDFS): with named entries and no mask, the mask is the union of the
     * group class (the owning group and the named entries); a default ACL lacking its user, group or other entry takes
     * it from the access ACL, and gets a computed mask the same way. Default entries are only allowed on directories.
     * An ACL of default entries only replaces the default ACL and keeps the access ACL (what Hadoop's ABFS sends for
     * {@code setAcl} with a default-only spec); a missing owner, owning group or other entry keeps its current value.
     * The sticky bit is not part of an ACL and stays as it is.
     *
     * @param acl the ACL as sent in {@code x-ms-acl}
     * @param directory whether the path is a directory
     * @param currentBits the path's permission bits now
     * @param currentExtended the path's stored entries beyond its permission bits now
     */
    static AppliedAcl applyAcl(final String acl, final boolean directory, final int currentBits, final String currentExtended) {
        int bits = currentBits & STICKY;
        String userBits = null;
        String groupBits = null;
        String otherBits = null;
        String maskBits = null;
        final List<String> named = new ArrayList<>();
        final List<String> defaults = new ArrayList<>();
        for (final String entry : split(acl)) {
            final boolean defaultScope = entry.startsWith("default:");
            final String[] parts = (defaultScope ? entry.substring("default:".length()) : entry).split(":", -1);
            if (parts.length != 3 || !parts[2].matches("[r-][w-][xtT-]")
                    || !("user".equals(parts[0]) || "group".equals(parts[0]) || "mask".equals(parts[0]) || "other".equals(parts[0]))
                    || (("mask".equals(parts[0]) || "other".equals(parts[0])) && !parts[1].isEmpty())) {
                throw invalidAcl("The access control list value is invalid.");
            }
            if (defaultScope) {
                defaults.add(entry);
            } else if (!parts[1].isEmpty()) {
                named.add(entry);
            } else if ("user".equals(parts[0])) {
                userBits = parts[2];
            } else if ("group".equals(parts[0])) {
                groupBits = parts[2];
            } else if ("mask".equals(parts[0])) {
                maskBits = parts[2];
            } else {
                otherBits = parts[2];
            }
        }
        if (!directory && !defaults.isEmpty()) {
            throw invalidAcl("Default access control list entries can only be set on a directory.");
        }
        if (userBits == null && groupBits == null && otherBits == null && maskBits == null && named.isEmpty()) {
            // Only default entries: the access ACL stays as it is
            final List<String> access = new ArrayList<>();
            for (final String entry : split(currentExtended)) {
                if (!entry.startsWith("default:")) {
                    access.add(entry);
                }
            }
            access.addAll(completeDefaults(defaults, triad(currentBits, 6), owningGroup(currentBits, currentExtended), triad(currentBits, 0)));
            return new AppliedAcl(currentBits, access.isEmpty() ? "" : String.join(",", access));
        }
        userBits = userBits != null ? userBits : triad(currentBits, 6);
        groupBits = groupBits != null ? groupBits : owningGroup(currentBits, currentExtended);
        otherBits = otherBits != null ? otherBits : triad(currentBits, 0);
        if (maskBits == null && !named.isEmpty()) {
            String union = groupBits == null ? "---" : groupBits;
            for (final String entry : named) {
                union = union(union, entry.substring(entry.lastIndexOf(':') + 1));
            }
            maskBits = union;
        }
        if (userBits != null) {
            bits |= parsePermissions(userBits + "------");
        }
        if (otherBits != null) {
            bits |= parsePermissions("------" + otherBits);
        }
        final String effectiveGroup = maskBits != null ? maskBits : groupBits;
        if (effectiveGroup != null) {
            bits |= parsePermissions("---" + effectiveGroup + "---");
        }
        final List<String> extended = new ArrayList<>(named);
        if (groupBits != null && (maskBits != null || !named.isEmpty())) {
            extended.add("group::" + groupBits);
        }
        if (maskBits != null) {
            extended.add("mask::" + maskBits);
        }
        extended.addAll(completeDefaults(defaults, userBits, groupBits, otherBits));
        return new AppliedAcl(bits, extended.isEmpty() ? "" : String.join(",", extended));
    }

    private static List<String> completeDefaults(final List<String> defaults, final String userBits, final String groupBits,
                                                 final String otherBits) {
        if (defaults.isEmpty()) {
            return defaults;
        }
        final List<String> complete = new ArrayList<>(defaults);
        boolean hasUser = false;
        boolean hasGroup = false;
        boolean hasOther = false;
        boolean hasMask = false;
        String groupClass = null;
        boolean hasNamed = false;
        for (final String entry : defaults) {
            final String[] parts = entry.substring("default:".length()).split(":", -1);
            hasUser |= "user".equals(parts[0]) && parts[1].isEmpty();
            hasOther |= "other".equals(parts[0]);
            hasMask |= "mask".equals(parts[0]);
            if ("group".equals(parts[0]) && parts[1].isEmpty()) {
                hasGroup = true;
                groupClass = groupClass == null ? parts[2] : union(groupClass, parts[2]);
            } else if (!parts[1].isEmpty()) {
                hasNamed = true;
                groupClass = groupClass == null ? parts[2] : union(groupClass, parts[2]);
            }
        }
        if (!hasUser) {
            complete.add("default:user::" + (userBits == null ? "---" : userBits));
        }
        if (!hasGroup) {
            final String inherited = groupBits == null ? "---" : groupBits;
            complete.add("default:group::" + inherited);
            groupClass = groupClass == null ? inherited : union(groupClass, inherited);
        }
        if (!hasOther) {
            complete.add("default:other::" + (otherBits == null ? "---" : otherBits));
        }
        if (!hasMask && hasNamed) {
            complete.add("default:mask::" + groupClass);
        }
        return complete;
    }

    /**
     * The access control a new child gets under a parent with a default ACL: the default ACL's named entries and owning
     * group entry, its owner, group class (the mask, or the owning group without one) and other entries each limited by
     * the child's mode (the requested permissions less the umask), and, for a directory, the same default ACL.
     * Hadoop's ABFS suite expects exactly this of the service (a default {@code user:foo:rwx} on a 0750 directory gives a
     * file created with 0666 and umask 022 the entries {@code user:foo:rwx,group::r-x} and mode 0640).
     *
     * @param parentExtendedAcl the parent's stored entries beyond its permission bits
     * @param mode the child's permission bits as requested, umask applied
     * @param directory whether the child is a directory
     * @return the child's access control, or null when the parent has no default ACL
     */
    static AppliedAcl inherit(final String parentExtendedAcl, final int mode, final boolean directory) {
        final List<String> defaults = new ArrayList<>();
        for (final String entry : split(parentExtendedAcl)) {
            if (entry.startsWith("default:")) {
                defaults.add(entry);
            }
        }
        if (defaults.isEmpty()) {
            return null;
        }
        String user = "---";
        String group = "---";
        String mask = null;
        String other = "---";
        final List<String> named = new ArrayList<>();
        for (final String entry : defaults) {
            final String access = entry.substring("default:".length());
            final String[] parts = access.split(":", -1);
            if (!parts[1].isEmpty()) {
                named.add(access);
            } else if ("user".equals(parts[0])) {
                user = parts[2];
            } else if ("group".equals(parts[0])) {
                group = parts[2];
            } else if ("mask".equals(parts[0])) {
                mask = parts[2];
            } else {
                other = parts[2];
            }
        }
        final int limit = mode & 0777;
        int bits = parsePermissions(user + "------") & limit & 0700;
        bits |= parsePermissions("---" + (mask != null ? mask : group) + "---") & limit & 0070;
        bits |= parsePermissions("------" + other) & limit & 0007;
        bits |= mode & STICKY;
        final List<String> extended = new ArrayList<>(named);
        if (mask != null || !named.isEmpty()) {
            extended.add("group::" + group);
            extended.add("mask::" + triad(bits, 3));
        }
        if (directory) {
            extended.addAll(defaults);
        }
        return new AppliedAcl(bits, extended.isEmpty() ? "" : String.join(",", extended));
    }

    /** The owning group's permissions: its own entry when a mask holds the group bits, the group bits otherwise. */
    private static String owningGroup(final int bits, final String extendedAcl) {
        for (final String entry : split(extendedAcl)) {
            if (entry.startsWith("group::")) {
                return entry.substring("group::".length());
            }
        }
        return triad(bits, 3);
    }

    private static String union(final String first, final String second) {
        final StringBuilder union = new StringBuilder(3);
        for (int i = 0; i < 3; i++) {
            union.append(first.charAt(i) != '-' ? first.charAt(i) : second.charAt(i));
        }
        return union.toString();
    }

    private static AdlsServiceException invalidAcl(final String message) {
        return AdlsServiceException.badRequest("InvalidAccessControlList", message);
    }

    static boolean hasDefaultEntries(final String extendedAcl) {
        for (final String entry : split(extendedAcl)) {
            if (entry.startsWith("default:")) {
                return true;
            }
        }
        return false;
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
