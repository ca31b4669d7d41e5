package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;

import java.util.List;

/**
 * DistCp, the usual migration tool, from the source into the sink through ABFS with MapReduce's local job runner
 * ({@code maps} map tasks at once), as an operator runs it: its copy listing, its temp files and renames, its job
 * set-up all in the window. The target directory must not exist, so the tree lands at it.
 */
final class DistCpTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final String targetDir = command.path("targetDir").asText();
        final int maps = command.path("maps").asInt(1);
        final List<FileStatus> files = SourceFiles.list(context.source(), sourceDir);
        final Configuration configuration = context.withAbfs(context.hadoopConfiguration());
        configuration.set("mapreduce.framework.name", "local");
        configuration.setInt("mapreduce.local.map.tasks.maximum", maps);
        configuration.set("hadoop.tmp.dir", context.workDirectory().resolve("hadoop-tmp-" + context.name()).toString());
        configuration.set("mapreduce.jobtracker.staging.root.dir", context.workDirectory().resolve("staging-" + context.name()).toString());
        if (command.has("inFlight")) {
            configuration.setInt("fs.azure.write.max.concurrent.requests", command.path("inFlight").asInt());
        }
        final String source = configuration.get("fs.defaultFS") + sourceDir;
        final String target = context.abfsUri() + targetDir;
        window.open();
        final int exit = ToolRunner.run(configuration, new DistCp(configuration, null), new String[] {"-m", Integer.toString(maps), source, target});
        window.close();
        // DistCp's cached ABFS instance is closed while the sink still answers
        FileSystem.get(context.abfsUri(), configuration).close();
        if (exit != 0) {
            throw new IllegalStateException("DistCp exited with " + exit);
        }
        TargetTree.assertHolds(context.target(), targetDir, sourceDir, files);
        result.put("files", files.size());
        result.put("bytes", SourceFiles.totalBytes(files));
        result.put("maps", maps);
    }
}
