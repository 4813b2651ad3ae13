package io.autoops.experiments.report;

import io.autoops.env.sim.FaultOutcome;
import io.autoops.experiments.io.AtomicFiles;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.experiments.stats.Aggregates;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The benchmark's CSV tables, built with tablesaw and written atomically. */
public final class BenchTables {

    private BenchTables() {
    }

    /** One row per episode ({@code episodes.csv}). */
    public static Table episodes(List<EpisodeResult> results, Aggregates agg) {
        Table t = Table.create("episodes",
                StringColumn.create("run"), StringColumn.create("scenario"), StringColumn.create("policy"),
                LongColumn.create("seed"), DoubleColumn.create("return"), DoubleColumn.create("normalised_score"),
                DoubleColumn.create("availability"), DoubleColumn.create("slo_violation_min"),
                IntColumn.create("faults"), DoubleColumn.create("mean_mttd_s"), DoubleColumn.create("mean_mttr_s"),
                DoubleColumn.create("mitigated_share"), IntColumn.create("actions"),
                IntColumn.create("false_positive_actions"), DoubleColumn.create("cost"), DoubleColumn.create("welfare"),
                IntColumn.create("conflicts"), BooleanColumn.create("fault_free"));
        for (EpisodeResult r : results) {
            t.stringColumn("run").append(r.runName());
            t.stringColumn("scenario").append(r.scenario());
            t.stringColumn("policy").append(r.policy());
            t.longColumn("seed").append(r.seed());
            t.doubleColumn("return").append(r.ret());
            t.doubleColumn("normalised_score").append(agg.score(r));
            t.doubleColumn("availability").append(r.availability());
            t.doubleColumn("slo_violation_min").append(r.sloViolationMinutes());
            t.intColumn("faults").append(r.faults().size());
            t.doubleColumn("mean_mttd_s").append(Aggregates.avg(r.faults().stream().mapToDouble(FaultOutcome::mttdSeconds)
                    .filter(v -> !Double.isNaN(v)).toArray()));
            t.doubleColumn("mean_mttr_s").append(Aggregates.avg(r.faults().stream().filter(FaultOutcome::mitigated)
                    .mapToDouble(FaultOutcome::mttrSeconds).toArray()));
            t.doubleColumn("mitigated_share").append(r.faults().isEmpty() ? Double.NaN
                    : r.faults().stream().filter(FaultOutcome::mitigated).count() / (double) r.faults().size());
            t.intColumn("actions").append(r.actions());
            t.intColumn("false_positive_actions").append(r.falsePositives());
            t.doubleColumn("cost").append(r.cost());
            t.doubleColumn("welfare").append(r.welfare());
            t.intColumn("conflicts").append(r.conflicts());
            t.booleanColumn("fault_free").append(r.faultFree());
        }
        return t;
    }

    /** One row per injected fault per episode ({@code faults.csv}): MTTD, MTTR and mitigation per fault. */
    public static Table faults(List<EpisodeResult> results) {
        Table t = Table.create("faults", StringColumn.create("run"), StringColumn.create("scenario"),
                StringColumn.create("policy"), LongColumn.create("seed"), StringColumn.create("fault_type"),
                StringColumn.create("root"), DoubleColumn.create("onset_s"), DoubleColumn.create("mttd_s"),
                DoubleColumn.create("first_fix_s"), DoubleColumn.create("mttr_s"), BooleanColumn.create("impact"),
                BooleanColumn.create("mitigated"));
        for (EpisodeResult r : results) {
            for (FaultOutcome f : r.faults()) {
                t.stringColumn("run").append(r.runName());
                t.stringColumn("scenario").append(r.scenario());
                t.stringColumn("policy").append(r.policy());
                t.longColumn("seed").append(r.seed());
                t.stringColumn("fault_type").append(f.type().id());
                t.stringColumn("root").append(f.target());
                t.doubleColumn("onset_s").append(f.onsetSeconds());
                t.doubleColumn("mttd_s").append(f.mttdSeconds());
                t.doubleColumn("first_fix_s").append(f.correctSeconds());
                t.doubleColumn("mttr_s").append(f.mttrSeconds());
                t.booleanColumn("impact").append(f.impact());
                t.booleanColumn("mitigated").append(f.mitigated());
            }
        }
        return t;
    }

    /** The headline table ({@code summary.csv}). */
    public static Table summary(Aggregates agg) {
        Table t = Table.create("summary", StringColumn.create("policy"), BooleanColumn.create("reference"),
                DoubleColumn.create("iqm_score"), DoubleColumn.create("iqm_ci_low"), DoubleColumn.create("iqm_ci_high"),
                DoubleColumn.create("mean_score"), DoubleColumn.create("availability"),
                DoubleColumn.create("slo_violation_min"), DoubleColumn.create("mttr_s"),
                DoubleColumn.create("mitigated_share"), DoubleColumn.create("false_positive_actions"),
                DoubleColumn.create("actions"), DoubleColumn.create("cost"), DoubleColumn.create("welfare"),
                DoubleColumn.create("conflicts"), IntColumn.create("episodes"));
        for (Aggregates.PolicySummary s : agg.summaries()) {
            t.stringColumn("policy").append(s.policy());
            t.booleanColumn("reference").append(s.reference());
            t.doubleColumn("iqm_score").append(s.iqm().value());
            t.doubleColumn("iqm_ci_low").append(s.iqm().low());
            t.doubleColumn("iqm_ci_high").append(s.iqm().high());
            t.doubleColumn("mean_score").append(s.meanScore());
            t.doubleColumn("availability").append(s.availability());
            t.doubleColumn("slo_violation_min").append(s.sloViolationMinutes());
            t.doubleColumn("mttr_s").append(s.mttrSeconds());
            t.doubleColumn("mitigated_share").append(s.mitigatedShare());
            t.doubleColumn("false_positive_actions").append(s.falsePositives());
            t.doubleColumn("actions").append(s.actions());
            t.doubleColumn("cost").append(s.cost());
            t.doubleColumn("welfare").append(s.welfare());
            t.doubleColumn("conflicts").append(s.conflicts());
            t.intColumn("episodes").append(s.episodes());
        }
        return t;
    }

    /** P(row > column) for every pair of policies ({@code probability_of_improvement.csv}). */
    public static Table probabilityOfImprovement(Aggregates agg) {
        Table t = Table.create("probability_of_improvement", StringColumn.create("policy_x"),
                StringColumn.create("policy_y"), DoubleColumn.create("p_x_better_than_y"));
        double[][] poi = agg.probabilityOfImprovement();
        for (int i = 0; i < agg.policies().size(); i++) {
            for (int j = 0; j < agg.policies().size(); j++) {
                if (i != j) {
                    t.stringColumn("policy_x").append(agg.policies().get(i));
                    t.stringColumn("policy_y").append(agg.policies().get(j));
                    t.doubleColumn("p_x_better_than_y").append(poi[i][j]);
                }
            }
        }
        return t;
    }

    /** Performance profiles ({@code performance_profiles.csv}). */
    public static Table profiles(Aggregates agg) {
        Table t = Table.create("performance_profiles", StringColumn.create("policy"), DoubleColumn.create("tau"),
                DoubleColumn.create("fraction_of_runs_above"));
        agg.profiles().forEach((p, prof) -> {
            for (int k = 0; k < prof.length; k++) {
                t.stringColumn("policy").append(p);
                t.doubleColumn("tau").append(Aggregates.TAUS[k]);
                t.doubleColumn("fraction_of_runs_above").append(prof[k]);
            }
        });
        return t;
    }

    /** Per fault type and policy ({@code mttr_by_fault.csv}). */
    public static Table faultStats(Aggregates agg) {
        Table t = Table.create("mttr_by_fault", StringColumn.create("policy"), StringColumn.create("fault_type"),
                DoubleColumn.create("mean_mttr_s"), DoubleColumn.create("mean_mttd_s"),
                DoubleColumn.create("mitigated_share"), IntColumn.create("faults"));
        for (Aggregates.FaultStat f : agg.faultStats()) {
            t.stringColumn("policy").append(f.policy());
            t.stringColumn("fault_type").append(f.faultType());
            t.doubleColumn("mean_mttr_s").append(f.mttrSeconds());
            t.doubleColumn("mean_mttd_s").append(f.mttdSeconds());
            t.doubleColumn("mitigated_share").append(f.mitigatedShare());
            t.intColumn("faults").append(f.faults());
        }
        return t;
    }

    /** A table as an HTML table (numbers to 3 decimals, missing values as a dash), e.g. for a notebook. */
    public static String html(Table table) {
        StringBuilder h = new StringBuilder("<table>\n<thead><tr>");
        for (String name : table.columnNames()) {
            h.append("<th>").append(HtmlReport.esc(name)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            h.append("<tr>");
            for (Column<?> c : table.columns()) {
                Object v = c.get(r);
                String text = v == null || c.isMissing(r) ? "&ndash;"
                        : v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
                        : HtmlReport.esc(String.valueOf(v));
                h.append(c instanceof NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>").append(text).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>").toString();
    }

    public static void write(Table table, Path file) {
        AtomicFiles.write(file, w -> table.write().csv(w));
    }
}
