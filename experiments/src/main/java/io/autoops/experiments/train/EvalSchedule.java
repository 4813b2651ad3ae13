package io.autoops.experiments.train;

import io.autoops.core.mdp.Learner;
import me.tongfei.progressbar.ProgressBar;

import java.util.List;
import java.util.Locale;

/**
 * The bookkeeping a training harness does on every progress report: move the progress bar, remember
 * the last training return, say when a validation is due (every {@code every} steps after warm-up,
 * and once more at the end), and append the learning curve's rows.
 */
final class EvalSchedule {

    private final ProgressBar bar;
    private final long total;
    private final long every;
    private final List<String> curve;
    private final long t0 = System.nanoTime();
    /** Wall-clock seconds of the curve's earlier runs (a resumed run goes on from its last row). */
    private final double secondsBefore;
    private long next;
    private long last = -1;
    private double lastTrainReturn = Double.NaN;

    /** @param start steps already done (a resumed run) or the warm-up, whichever is larger */
    EvalSchedule(ProgressBar bar, long total, long start, long every, List<String> curve) {
        this.bar = bar;
        this.total = total;
        this.every = every;
        this.curve = curve;
        this.next = start + every;
        this.secondsBefore = curve.isEmpty() ? 0 : Double.parseDouble(curve.get(curve.size() - 1).split(",")[1]);
    }

    /** Records a progress report; true when a validation is due now. */
    boolean due(Learner.Progress p) {
        if (bar != null) {
            bar.stepTo(Math.min(total, p.steps()));
        }
        if (!Double.isNaN(p.meanReturn())) {
            lastTrainReturn = p.meanReturn();
        }
        if (p.steps() < next) {
            return false;
        }
        next += every;
        last = p.steps();
        return true;
    }

    /** Appends the curve row of a validation. */
    void record(Learner.Progress p, double eval) {
        curve.add(String.format(Locale.ROOT, "%d,%.1f,%.4f,%.4f,%.4f,%.6g", p.steps(), secondsBefore + seconds(),
                p.exploration(), lastTrainReturn, eval, p.loss()));
    }

    /** The report that closes a run, when its last steps were not validated yet (null if they were). */
    Learner.Progress finalReport(long steps) {
        if (last >= steps) {
            return null;
        }
        next = steps;
        return new Learner.Progress(steps, 0, Double.NaN, Double.NaN, 0, Double.NaN);
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
