package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One kind of measured run a contestant's JVM can do: prepare, open the window, do the measured part, close it, check. */
interface ContestTask {
    void run(JsonNode command, WorkerContext context, MeasuredWindow window, ObjectNode result) throws Exception;
}
