package io.nififusion.bench;

/**
 * The sizes of a suite run. {@code small} finishes in minutes on two cores; {@code full} is the scale the targets speak
 * of; {@code tiny} proves the harness (the CI smoke run), its figures mean nothing.
 *
 * @param rounds interleaved rounds per section (figures are min/median/max over them)
 * @param bulkFiles files of the bulk section
 * @param bulkMib size of each, MiB
 * @param smallFiles files of the small-file section
 * @param smallKib size of each, KiB
 * @param restoreSmallFiles files of that size the restore section brings back (a restore of a small file waits on the
 *     NameNode to complete it, so it is slower per file than a copy and a set of its own keeps the section short)
 * @param closesPerSecond rate of the change-latency writer
 * @param latencySeconds how long it writes per round
 * @param backlogFiles files created in the drain backlog (about 2.4 events each with the rest of its mix); they are also
 *     the namespace the scan lists
 * @param bigFileMib the one big file of the long-link section
 * @param linkLatencyMillis latency the long link adds to each request
 * @param linkBandwidthMib bandwidth of each connection of the long link, MiB/s
 * @param warmUp whether each contestant makes an unmeasured run before its first measured one
 */
public record Preset(String name, int rounds, int bulkFiles, int bulkMib, int smallFiles, int smallKib, int restoreSmallFiles, int closesPerSecond, int latencySeconds,
                     int backlogFiles, int bigFileMib, int linkLatencyMillis, int linkBandwidthMib, boolean warmUp) {

    public static final Preset TINY = new Preset("tiny", 1, 2, 4, 40, 16, 20, 20, 2, 400, 16, 5, 64, false);
    public static final Preset SMALL = new Preset("small", 3, 4, 64, 300, 16, 60, 50, 10, 42_000, 256, 20, 64, true);
    public static final Preset FULL = new Preset("full", 3, 8, 1024, 20_000, 16, 2_000, 50, 60, 1_000_000, 8_192, 20, 64, true);

    public static Preset named(final String name) {
        return switch (name) {
            case "tiny" -> TINY;
            case "small" -> SMALL;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "': tiny, small or full");
        };
    }

    public Preset withRounds(final int newRounds) {
        if (newRounds < 1) {
            throw new IllegalArgumentException("At least one round");
        }
        return new Preset(name, newRounds, bulkFiles, bulkMib, smallFiles, smallKib, restoreSmallFiles, closesPerSecond, latencySeconds, backlogFiles, bigFileMib,
                linkLatencyMillis, linkBandwidthMib, warmUp);
    }
}
