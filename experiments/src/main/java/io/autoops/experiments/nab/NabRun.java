package io.autoops.experiments.nab;

import io.autoops.core.analysis.AnomalyDetector;
import io.autoops.core.analysis.Detectors;
import io.autoops.experiments.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Runs a detector over the NAB corpus (one fresh detector per file) and writes NAB's results format. */
public final class NabRun {

    private NabRun() {
    }

    /**
     * Anomaly scores per series, in corpus order. With {@code hints}, each detector is told its file's
     * minimum, maximum and length before the first point, as NAB's own harness does.
     */
    public static List<double[]> detect(NabCorpus corpus, String detector, boolean hints) {
        List<double[]> out = new ArrayList<>();
        for (NabCorpus.Series s : corpus.series()) {
            double[] values = s.values();
            AnomalyDetector d = Detectors.create(detector, hints ? new Detectors.SeriesHint(Arrays.stream(values).min().orElse(0),
                    Arrays.stream(values).max().orElse(0), values.length) : null);
            double[] scores = new double[values.length];
            for (int i = 0; i < scores.length; i++) {
                double v = d.score(s.epochMillis()[i], values[i]);
                scores[i] = Math.max(0, Math.min(1, v));
            }
            out.add(scores);
        }
        return out;
    }

    /** {@code <out>/<detector>/<category>/<detector>_<file>.csv} with {@code timestamp,value,anomaly_score,label}. */
    public static void write(NabCorpus corpus, List<double[]> scores, String detector, Path out) {
        for (int k = 0; k < corpus.series().size(); k++) {
            NabCorpus.Series s = corpus.series().get(k);
            double[] sc = scores.get(k);
            Path file = out.resolve(detector).resolve(s.category()).resolve(detector + "_" + s.fileName());
            AtomicFiles.write(file, w -> {
                w.write("timestamp,value,anomaly_score,label\n");
                for (int i = 0; i < sc.length; i++) {
                    w.write(s.timestamps().get(i) + "," + fmt(s.values()[i]) + "," + fmt(sc[i]) + ","
                            + (s.inWindow(i) ? 1 : 0) + "\n");
                }
            });
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.10g", v);
    }
}
