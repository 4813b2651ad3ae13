package io.autoops.experiments.cli;

import io.autoops.core.analysis.Detectors;
import io.autoops.experiments.nab.NabCorpus;
import io.autoops.experiments.nab.NabRun;
import io.autoops.experiments.nab.NabScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Anomaly detectors on the Numenta Anomaly Benchmark. */
@Command(name = "detect",
        description = "Run an anomaly detector on the NAB corpus: write NAB's results format and print the three NAB scores.",
        mixinStandardHelpOptions = true)
final class DetectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--list", description = "Print the detector names and exit.")
    boolean list;

    @Option(names = "--detector", description = "Detector name (see --list).")
    String detector;

    @Option(names = "--nab", description = "The NAB corpus folder (with labels/ and config/).")
    Path nab;

    @Option(names = "--out", description = "Where to write <detector>/<category>/<detector>_<file>.csv.")
    Path out;

    @Option(names = "--online", description = "Tell the detector nothing of its file in advance. By default it is told the"
            + " file's minimum, maximum and length, as NAB's own harness tells every detector; only cad uses them.")
    boolean online;

    @Override
    public Integer call() {
        if (list) {
            Detectors.names().forEach(System.out::println);
            return 0;
        }
        if (detector == null || nab == null || out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--detector, --nab and --out are required (or --list)");
        }
        if (!Detectors.names().contains(detector)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown detector '" + detector
                    + "'; known detectors: " + String.join(", ", Detectors.names()));
        }
        NabCorpus corpus = NabCorpus.load(nab);
        List<double[]> scores = NabRun.detect(corpus, detector, !online);
        NabRun.write(corpus, scores, detector, out);
        Map<String, String> lines = Map.of("standard", "nab.standard", "reward_low_FP_rate", "nab.low_fp",
                "reward_low_FN_rate", "nab.low_fn");
        for (Map.Entry<String, NabCorpus.Profile> p : corpus.profiles().entrySet()) {
            NabScorer.Result r = NabScorer.score(corpus, scores, p.getValue());
            System.out.printf(Locale.ROOT, "%s %.1f (threshold %.10g)%n", lines.getOrDefault(p.getKey(), "nab." + p.getKey()),
                    r.normalised(), r.threshold());
        }
        return 0;
    }
}
