package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A contestant of a copy section: the JVM it runs in, what it is, the command of one run, and the target directory
 * it writes (emptied before each of its runs; null when it writes nothing).
 */
record Contender(String worker, String label, String description, ObjectNode command, String targetDirectory) {
}
