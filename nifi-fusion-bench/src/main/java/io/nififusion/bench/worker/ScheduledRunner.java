package io.nififusion.bench.worker;

import org.apache.nifi.util.TestRunner;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A processor kept scheduled across measured runs, as in a running flow: it is stopped and scheduled again only when
 * its properties or task count change. A processor with input is scheduled with one trigger on its empty queue, so
 * its {@code @OnScheduled} work stays out of the window; a source processor (the listing) is scheduled by its first
 * measured trigger, since starting is part of what it is measured for.
 */
final class ScheduledRunner {
    private final TestRunner runner;
    private Map<String, String> scheduledWith;
    private boolean scheduleOnNextTrigger;

    ScheduledRunner(final TestRunner runner) {
        this.runner = runner;
    }

    TestRunner runner() {
        return runner;
    }

    /**
     * Applies the settings (property name → value, plus {@code tasks}) if they changed.
     *
     * @param now schedule at once with a trigger on the empty queue; otherwise the next {@link #trigger} schedules
     */
    void schedule(final Map<String, String> settings, final int tasks, final boolean now) {
        final Map<String, String> wanted = new TreeMap<>(settings);
        wanted.put("(tasks)", Integer.toString(tasks));
        if (Objects.equals(wanted, scheduledWith)) {
            return;
        }
        if (scheduledWith != null) {
            runner.stop();
        }
        settings.forEach(runner::setProperty);
        runner.setThreadCount(tasks);
        runner.assertValid();
        scheduledWith = wanted;
        scheduleOnNextTrigger = true;
        if (now) {
            trigger(1);
        }
    }

    /** Runs {@code triggers} triggers on the tasks, the processor staying scheduled. */
    void trigger(final int triggers) {
        runner.run(triggers, false, scheduleOnNextTrigger);
        scheduleOnNextTrigger = false;
    }
}
