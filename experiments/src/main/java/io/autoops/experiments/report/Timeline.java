package io.autoops.experiments.report;

import io.autoops.env.sim.SimInfo;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.run.EpisodeRunner;

import java.util.ArrayList;
import java.util.List;

/** What an incident timeline chart shows, recorded tick by tick from one episode. */
public final class Timeline implements EpisodeRunner.TickListener {

    /** An action taken: when and what. */
    public record Action(double seconds, String label) {
    }

    final List<Double> seconds = new ArrayList<>();
    final List<Double> goodShare = new ArrayList<>();
    final List<Double> p99Ms = new ArrayList<>();
    final List<Double> errorRate = new ArrayList<>();
    final List<Double> instances = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();

    @Override
    public void onTick(Simulator sim, SimInfo info, double reward) {
        double t = info.tick() * sim.scenario().spec().tickSeconds();
        seconds.add(t);
        goodShare.add(info.goodShare());
        p99Ms.add(sim.p99LatencyMs(0));
        errorRate.add(sim.errorRate(0));
        instances.add(info.instances());
        if (info.tick() > 0 && !info.action().equals("noop")) {
            actions.add(new Action(t, info.action()));
        }
    }

    public List<Action> actions() {
        return actions;
    }
}
