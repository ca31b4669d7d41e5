package io.nififusion.core.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a scan stands, small enough for processor state: the paths still to scan from the top, and the chain of
 * directories being listed (outermost first) with the last name already handled in each. HDFS lists a directory in
 * the byte order of its names, so a listing resumes by skipping the names up to the last one handled. Its size is
 * the depth of the tree, never its breadth.
 *
 * @param pendingPaths paths (roots, or trees renamed into a root) not yet started
 * @param frames directories being listed, outermost first
 */
public record ScanCursor(List<String> pendingPaths, List<Frame> frames) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ScanCursor DONE = new ScanCursor(List.of(), List.of());

    /**
     * One directory being listed.
     *
     * @param directory absolute path of the directory
     * @param lastName last child name already handled, null before the first
     */
    public record Frame(String directory, String lastName) {
    }

    public ScanCursor {
        pendingPaths = Collections.unmodifiableList(new ArrayList<>(pendingPaths));
        frames = Collections.unmodifiableList(new ArrayList<>(frames));
    }

    public static ScanCursor done() {
        return DONE;
    }

    public static ScanCursor startingAt(final List<String> paths) {
        return new ScanCursor(paths, List.of());
    }

    public boolean isDone() {
        return pendingPaths.isEmpty() && frames.isEmpty();
    }

    /** A compact JSON form for a state value; empty for a finished scan. */
    public String toJson() {
        if (isDone()) {
            return "";
        }
        final ObjectNode root = MAPPER.createObjectNode();
        final ArrayNode pending = root.putArray("pending");
        for (final String path : pendingPaths) {
            pending.add(path);
        }
        final ArrayNode stack = root.putArray("frames");
        for (final Frame frame : frames) {
            final ArrayNode entry = stack.addArray();
            entry.add(frame.directory());
            if (frame.lastName() != null) {
                entry.add(frame.lastName());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Scan cursor could not be written", e);
        }
    }

    /**
     * Reads the form written by {@link #toJson()}; null or empty means no scan in progress.
     *
     * @throws IllegalArgumentException when the value is not a scan cursor
     */
    public static ScanCursor fromJson(final String json) {
        if (json == null || json.isBlank()) {
            return DONE;
        }
        try {
            final JsonNode root = MAPPER.readTree(json);
            final List<String> pending = new ArrayList<>();
            for (final JsonNode path : root.path("pending")) {
                pending.add(path.asText());
            }
            final List<Frame> frames = new ArrayList<>();
            for (final JsonNode entry : root.path("frames")) {
                final String lastName = entry.size() > 1 ? entry.get(1).asText() : null;
                frames.add(new Frame(entry.get(0).asText(), lastName));
            }
            return new ScanCursor(pending, frames);
        } catch (final JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("Stored scan cursor is not readable: " + json, e);
        }
    }
}
