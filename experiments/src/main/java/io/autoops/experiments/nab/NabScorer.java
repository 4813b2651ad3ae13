package io.autoops.experiments.nab;

import java.util.Arrays;
import java.util.List;

/**
 * NAB's scoring, as described in the corpus' NAB-SCORING.md:
 * <ul>
 *   <li>a row is a detection when its score is at least the threshold; detections in the first 15 %
 *       of a file (at most 750 rows) are not scored;</li>
 *   <li>in a window only the earliest detection counts, worth {@code tpWeight * S(p) / S(-1)}, with
 *       {@code p = -(right - i + 1) / width} running from -1 at the left edge to 0 past the right edge and
 *       {@code S(p) = 2 / (1 + e^(5p)) - 1} ({@code -1} for {@code p > 3}); a window with no detection
 *       costs {@code -fnWeight};</li>
 *   <li>a detection outside every window is worth {@code fpWeight * S(p)} with
 *       {@code p = |previousRight - i| / (previousWidth - 1)}, or {@code -fpWeight} before the first window;</li>
 *   <li>one threshold per profile maximises the corpus total, which is normalised as
 *       {@code 100 (raw - null) / (perfect - null)}: null misses every window, perfect catches each at its left edge.</li>
 * </ul>
 */
public final class NabScorer {

    /** A profile's result: the best threshold and its normalised score. */
    public record Result(String profile, double threshold, double raw, double normalised) {
    }

    private NabScorer() {
    }

    static double scaledSigmoid(double p) {
        return p > 3 ? -1 : 2 / (1 + Math.exp(5 * p)) - 1;
    }

    /** Raw score of one series at one threshold. */
    static double raw(NabCorpus.Series s, double[] scores, double threshold, NabCorpus.Profile profile) {
        double total = 0;
        int n = scores.length;
        int probation = s.probationaryRows();
        List<int[]> windows = s.windows();
        boolean[] detected = new boolean[windows.size()];
        double maxTp = scaledSigmoid(-1);
        int w = 0; // index of the next window that ends at or after row i
        int prevRight = -1;
        int prevWidth = 0;
        for (int i = 0; i < n; i++) {
            while (w < windows.size() && windows.get(w)[1] < i) {
                prevRight = windows.get(w)[1];
                prevWidth = windows.get(w)[1] - windows.get(w)[0] + 1;
                w++;
            }
            if (i < probation || scores[i] < threshold) {
                continue;
            }
            if (w < windows.size() && i >= windows.get(w)[0]) {
                if (!detected[w]) {
                    detected[w] = true;
                    int right = windows.get(w)[1];
                    int width = right - windows.get(w)[0] + 1;
                    double p = -(right - i + 1) / (double) width;
                    total += profile.tpWeight() * scaledSigmoid(p) / maxTp;
                }
            } else if (prevRight < 0) {
                total -= profile.fpWeight();
            } else {
                double p = Math.abs(prevRight - i) / (double) Math.max(1, prevWidth - 1);
                total += profile.fpWeight() * scaledSigmoid(p);
            }
        }
        for (boolean d : detected) {
            if (!d) {
                total -= profile.fnWeight();
            }
        }
        return total;
    }

    /** Scores a detector's output over the corpus for one profile, choosing the best threshold. */
    public static Result score(NabCorpus corpus, List<double[]> scores, NabCorpus.Profile profile) {
        double[] candidates = candidates(scores);
        double bestRaw = Double.NEGATIVE_INFINITY;
        double bestThreshold = 1.1;
        for (double th : candidates) {
            double raw = 0;
            for (int k = 0; k < corpus.series().size(); k++) {
                raw += raw(corpus.series().get(k), scores.get(k), th, profile);
            }
            if (raw > bestRaw) {
                bestRaw = raw;
                bestThreshold = th;
            }
        }
        int windows = corpus.windowCount();
        double perfect = windows * profile.tpWeight();
        double nullScore = -windows * profile.fnWeight();
        return new Result(profile.name(), bestThreshold, bestRaw, 100 * (bestRaw - nullScore) / (perfect - nullScore));
    }

    /** Candidate thresholds: every distinct score when few, otherwise quantiles of all scores, plus "never". */
    static double[] candidates(List<double[]> scores) {
        double[] all = scores.stream().flatMapToDouble(Arrays::stream).toArray();
        Arrays.sort(all);
        double[] distinct = Arrays.stream(all).distinct().toArray();
        double[] out;
        if (distinct.length <= 2000) {
            out = distinct;
        } else {
            // dense in the upper tail, where thresholds live
            out = new double[2000];
            for (int k = 0; k < out.length; k++) {
                double q = 1 - Math.pow(1 - k / (double) out.length, 3);
                out[k] = all[(int) Math.min(all.length - 1, Math.round(q * (all.length - 1)))];
            }
        }
        double[] withNever = Arrays.copyOf(out, out.length + 1);
        withNever[out.length] = Double.POSITIVE_INFINITY;
        return Arrays.stream(withNever).distinct().toArray();
    }
}
