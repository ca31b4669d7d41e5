package io.nififusion.core.listing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides which source paths are left out of replication. Each entry is either a glob matched against every name of
 * a path ({@code .hive-staging*} excludes any file or directory so named and everything below it), or, with the
 * prefix {@code regex:}, a Java regular expression matched against the whole absolute path.
 */
public final class ExclusionFilter {
    public static final String REGEX_PREFIX = "regex:";

    /** Trash, job scratch space, snapshots and the hidden temporary files of common writers. */
    public static final String DEFAULT_EXCLUSIONS = ".Trash,_temporary,.hive-staging*,.snapshot,*._COPYING_,.*.tmp,.*.inprogress*,_impala_insert_staging";

    private static final ExclusionFilter NONE = new ExclusionFilter(List.of(), List.of());

    private final List<Pattern> namePatterns;
    private final List<Pattern> pathPatterns;

    private ExclusionFilter(final List<Pattern> namePatterns, final List<Pattern> pathPatterns) {
        this.namePatterns = namePatterns;
        this.pathPatterns = pathPatterns;
    }

    public static ExclusionFilter none() {
        return NONE;
    }

    /**
     * Parses comma-separated entries.
     *
     * @throws IllegalArgumentException naming the entry that is not a valid glob or regular expression
     */
    public static ExclusionFilter parse(final String entries) {
        if (entries == null || entries.isBlank()) {
            return NONE;
        }
        final List<Pattern> names = new ArrayList<>();
        final List<Pattern> paths = new ArrayList<>();
        for (final String rawEntry : entries.split(",")) {
            final String entry = rawEntry.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith(REGEX_PREFIX)) {
                final String expression = entry.substring(REGEX_PREFIX.length());
                try {
                    paths.add(Pattern.compile(expression));
                } catch (final PatternSyntaxException e) {
                    throw new IllegalArgumentException("Exclusion [" + entry + "] is not a valid regular expression: " + e.getDescription(), e);
                }
            } else {
                names.add(Pattern.compile(globToRegex(entry)));
            }
        }
        return new ExclusionFilter(Collections.unmodifiableList(names), Collections.unmodifiableList(paths));
    }

    /** Whether the absolute path, or one of its ancestors, is excluded. */
    public boolean isExcluded(final String absolutePath) {
        for (final Pattern pattern : pathPatterns) {
            if (pattern.matcher(absolutePath).matches()) {
                return true;
            }
        }
        if (namePatterns.isEmpty()) {
            return false;
        }
        for (final String name : absolutePath.split("/")) {
            if (!name.isEmpty() && isExcludedName(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a single name matches a glob entry; regular expressions need the whole path, see {@link #isExcluded}. */
    public boolean isExcludedName(final String name) {
        for (final Pattern pattern : namePatterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a child of an included directory is excluded: its own name or the whole-path expressions. */
    public boolean isExcludedChild(final String childPath, final String childName) {
        if (isExcludedName(childName)) {
            return true;
        }
        for (final Pattern pattern : pathPatterns) {
            if (pattern.matcher(childPath).matches()) {
                return true;
            }
        }
        return false;
    }

    static String globToRegex(final String glob) {
        final StringBuilder regex = new StringBuilder();
        boolean inClass = false;
        int braceDepth = 0;
        for (int i = 0; i < glob.length(); i++) {
            final char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(inClass ? "*" : "[^/]*");
                case '?' -> regex.append(inClass ? "?" : "[^/]");
                case '[' -> {
                    if (inClass) {
                        regex.append("\\[");
                    } else {
                        inClass = true;
                        regex.append('[');
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '!') {
                            regex.append('^');
                            i++;
                        }
                    }
                }
                case ']' -> {
                    if (inClass) {
                        inClass = false;
                        regex.append(']');
                    } else {
                        regex.append("\\]");
                    }
                }
                case '{' -> {
                    if (inClass) {
                        regex.append("\\{");
                    } else {
                        braceDepth++;
                        regex.append("(?:");
                    }
                }
                case '}' -> {
                    if (braceDepth > 0 && !inClass) {
                        braceDepth--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(braceDepth > 0 && !inClass ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        regex.append("\\\\");
                    }
                }
                default -> {
                    if (inClass && c != '^' && c != '\\') {
                        regex.append(c);
                    } else {
                        regex.append(Pattern.quote(String.valueOf(c)));
                    }
                }
            }
        }
        if (inClass) {
            throw new IllegalArgumentException("Exclusion [" + glob + "] is not a valid glob: unclosed [");
        }
        if (braceDepth > 0) {
            throw new IllegalArgumentException("Exclusion [" + glob + "] is not a valid glob: unclosed {");
        }
        return regex.toString();
    }
}
