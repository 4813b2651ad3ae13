package io.autoops.env.sim;

import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanningTwinTest {

    private static int randomValid(Simulator sim, SplittableRandom r) {
        boolean[] mask = new boolean[sim.actionSpace().n()];
        sim.actionMask(mask, 0);
        int a;
        do {
            a = r.nextInt(mask.length);
        } while (!mask[a]);
        return r.nextInt(3) == 0 ? a : 0;
    }

    private static double[] trajectory(Simulator sim, int ticks, long actionSeed) {
        SplittableRandom r = new SplittableRandom(actionSeed);
        double[] obs = new double[sim.observationSize()];
        double[] out = new double[ticks * (obs.length + 1)];
        for (int t = 0; t < ticks && !sim.ended(); t++) {
            sim.step(randomValid(sim, r));
            sim.observe(obs, 0);
            System.arraycopy(obs, 0, out, t * (obs.length + 1), obs.length);
            out[t * (obs.length + 1) + obs.length] = sim.reward();
        }
        return out;
    }

    @Test
    void aTwinThatPlannedBefore_continuesExactlyLikeAFreshOne() {
        io.autoops.env.scenario.Scenario scenario = ScenarioLoader.load("standard/random-mix");
        Simulator sim = new Simulator(scenario);
        sim.reset(7);
        trajectory(sim, 150, 1); // mid-episode, faults acting, instances scaled and restarted
        Simulator stale = sim.planningTwin();
        Simulator other = new Simulator(scenario);
        other.reset(99);
        trajectory(other, 200, 2);
        other.copyStateTo(stale, 5);
        trajectory(stale, 80, 3); // the stale twin has its own history now
        sim.copyStateTo(stale, 11);
        Simulator fresh = sim.planningTwin();
        sim.copyStateTo(fresh, 11);
        assertThat(trajectory(stale, 100, 4)).containsExactly(trajectory(fresh, 100, 4));
    }

    @Test
    void copyingAndPlanning_leaveTheOriginalsFutureUnchanged() {
        io.autoops.env.scenario.Scenario scenario = ScenarioLoader.load("standard/random-mix");
        Simulator a = new Simulator(scenario);
        Simulator b = new Simulator(scenario);
        a.reset(3);
        b.reset(3);
        trajectory(a, 100, 1);
        trajectory(b, 100, 1);
        Simulator twin = a.planningTwin();
        a.copyStateTo(twin, 1);
        trajectory(twin, 50, 9);
        assertThat(trajectory(a, 150, 2)).containsExactly(trajectory(b, 150, 2));
    }

    @Test
    void theTwinStartsNoFaultOfTheSchedule() {
        Simulator sim = new Simulator(ScenarioLoader.load("smoke/crash"));
        sim.reset(1);
        sim.step(0);
        Simulator twin = sim.planningTwin();
        sim.copyStateTo(twin, 1);
        double[] obs = new double[sim.observationSize()];
        for (int t = 0; t < 25; t++) { // the crash strikes at 120 s (tick 24)
            twin.step(0);
            sim.step(0);
        }
        twin.observe(obs, 0);
        double[] ready = Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).mapToDouble(s -> obs[s * SimSpaces.SF + 6]).toArray();
        sim.observe(obs, 0);
        assertThat(sim.activeFaults()).isPositive(); // the real system's crash struck...
        assertThat(twin.activeFaults()).isZero(); // ...the planner's copy knew nothing of it
        assertThat(ready).doesNotContain(0.0);
        assertThatThrownBy(() -> sim.copyStateTo(sim, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
