package io.autoops.experiments.run;

import io.autoops.env.sim.SimInfo;
import io.autoops.env.sim.Simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** Writes one CSV row per tick: system-level figures, then p99 latency, error rate and ready replicas per service. */
public final class TraceWriter implements EpisodeRunner.TickListener {

    private final Writer out;
    private boolean header;

    public TraceWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void onTick(Simulator sim, SimInfo info, double reward) {
        try {
            if (!header) {
                out.write("tick,seconds,action,reward,good_share,requests,served,failed,dropped,instances,active_faults");
                for (String s : sim.scenario().services()) {
                    out.write("," + s + "_p99_ms," + s + "_error_rate," + s + "_ready");
                }
                out.write('\n');
                header = true;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(info.tick()).append(',').append(fmt(info.tick() * sim.scenario().spec().tickSeconds()))
                    .append(',').append(info.action()).append(',').append(fmt(reward)).append(',')
                    .append(fmt(info.goodShare())).append(',').append(fmt(info.requests())).append(',')
                    .append(fmt(info.served())).append(',').append(fmt(info.failed())).append(',')
                    .append(fmt(info.dropped())).append(',').append(fmt(info.instances())).append(',')
                    .append(info.activeFaults());
            for (int s = 0; s < sim.serviceCount(); s++) {
                sb.append(',').append(fmt(sim.p99LatencyMs(s))).append(',').append(fmt(sim.errorRate(s)))
                        .append(',').append(sim.readyReplicas(s));
            }
            out.write(sb.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
