package io.autoops.experiments.cli;

import io.autoops.env.scenario.Suite;
import io.autoops.experiments.analysis.RcaEvaluation;
import io.autoops.experiments.bench.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Root-cause accuracy per fault type on simulated faults with known roots. */
@Command(name = "rca",
        description = "Measure root-cause ranking on simulated faults: top-1 and top-3 accuracy per fault type.",
        mixinStandardHelpOptions = true)
final class RcaCommand implements Callable<Integer> {

    @Option(names = "--suite", description = "Suite whose single-fault scenarios are used (default: ${DEFAULT-VALUE}).",
            defaultValue = "standard")
    String suite;

    @Option(names = "--seeds", description = "Evaluation seeds per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int seeds;

    @Override
    public Integer call() {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            s.add(Seeds.evaluation(i));
        }
        System.out.printf("%-18s %9s %11s %7s %7s%n", "fault", "incidents", "symptomatic", "top-1", "top-3");
        for (RcaEvaluation.Accuracy a : RcaEvaluation.evaluate(Suite.load(suite).scenarios(), s, 120)) {
            System.out.printf(Locale.ROOT, "%-18s %9d %11d %6.0f%% %6.0f%%%n", a.faultType(), a.incidents(), a.symptomatic(),
                    100 * a.top1Share(), 100 * a.top3Share());
        }
        return 0;
    }
}
