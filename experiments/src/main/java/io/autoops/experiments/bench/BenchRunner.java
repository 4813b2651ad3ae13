package io.autoops.experiments.bench;

import io.autoops.env.scenario.Scenario;
import io.autoops.experiments.run.EpisodeResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs episode tasks on a pool of threads. Each episode is deterministic from its task, results come
 * back in task order whatever the threads did, and a crashing episode is reported with its task and
 * does not lose the others.
 */
public final class BenchRunner {

    /** An episode that threw: which one, and why. */
    public record Failure(EpisodeTask task, String error) {
    }

    public record Outcome(List<EpisodeResult> results, List<Failure> failures) {
    }

    private BenchRunner() {
    }

    public static Outcome run(List<EpisodeTask> tasks, Map<String, Scenario> scenarios, Map<String, PolicySpec> policies,
                              int threads, PrintStream progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "bench");
            t.setDaemon(true);
            return t;
        });
        List<Future<EpisodeResult>> futures = new ArrayList<>(tasks.size());
        ProgressBar bar = progress == null ? null : new ProgressBarBuilder()
                .setTaskName("episodes").setInitialMax(tasks.size()).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progress)).build();
        try {
            for (EpisodeTask task : tasks) {
                futures.add(pool.submit(() -> {
                    try {
                        PolicySpec p = policies.get(task.policy());
                        Scenario sc = scenarios.get(task.scenario());
                        return p.play(sc, task.seed(), null);
                    } finally {
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }));
            }
            List<EpisodeResult> results = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    failures.add(new Failure(tasks.get(i), c.getClass().getSimpleName() + ": " + c.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return new Outcome(results, failures);
        } finally {
            if (bar != null) {
                bar.close();
            }
            pool.shutdownNow();
        }
    }
}
