package io.nififusion.core.copy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps on-premises user and group names to Azure AD object ids, because ADLS owners, groups and ACL entries name
 * object ids. The file has one mapping a line, {@code user:<name>=<object id>} or {@code group:<name>=<object id>};
 * blank lines and lines starting with {@code #} are ignored. A name without a mapping is left out, never sent as is.
 */
public final class IdentityMapping {
    public static final IdentityMapping EMPTY = new IdentityMapping(Map.of(), Map.of());

    private static final String USER_PREFIX = "user:";
    private static final String GROUP_PREFIX = "group:";

    private final Map<String, String> users;
    private final Map<String, String> groups;

    private IdentityMapping(final Map<String, String> users, final Map<String, String> groups) {
        this.users = Map.copyOf(users);
        this.groups = Map.copyOf(groups);
    }

    public static IdentityMapping load(final Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /** @throws IllegalArgumentException naming the line that is not a mapping */
    public static IdentityMapping parse(final Reader reader, final String sourceName) throws IOException {
        final Map<String, String> users = new HashMap<>();
        final Map<String, String> groups = new HashMap<>();
        final BufferedReader lines = new BufferedReader(reader);
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            final int equals = trimmed.indexOf('=');
            final boolean user = trimmed.startsWith(USER_PREFIX);
            final boolean group = trimmed.startsWith(GROUP_PREFIX);
            if (equals < 0 || !user && !group) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + " is not user:<name>=<object id> or group:<name>=<object id>");
            }
            final String name = trimmed.substring(user ? USER_PREFIX.length() : GROUP_PREFIX.length(), equals).strip();
            final String objectId = trimmed.substring(equals + 1).strip();
            if (name.isEmpty() || objectId.isEmpty()) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + " has an empty name or object id");
            }
            (user ? users : groups).put(name, objectId);
        }
        return new IdentityMapping(users, groups);
    }

    /** The object id of an on-premises user, or null when unmapped. */
    public String userObjectId(final String user) {
        return user == null ? null : users.get(user);
    }

    /** The object id of an on-premises group, or null when unmapped. */
    public String groupObjectId(final String group) {
        return group == null ? null : groups.get(group);
    }

    /** The on-premises user an object id stands for, or null when no mapping names it: the reverse, for restores. */
    public String userName(final String objectId) {
        return objectId == null ? null : nameOf(users, objectId);
    }

    /** The on-premises group an object id stands for, or null when no mapping names it. */
    public String groupName(final String objectId) {
        return objectId == null ? null : nameOf(groups, objectId);
    }

    /** Several names mapped to one object id have no one reverse: none is chosen. */
    private static String nameOf(final Map<String, String> mapping, final String objectId) {
        String found = null;
        for (final Map.Entry<String, String> entry : mapping.entrySet()) {
            if (entry.getValue().equalsIgnoreCase(objectId)) {
                if (found != null) {
                    return null;
                }
                found = entry.getKey();
            }
        }
        return found;
    }

    public int size() {
        return users.size() + groups.size();
    }
}
