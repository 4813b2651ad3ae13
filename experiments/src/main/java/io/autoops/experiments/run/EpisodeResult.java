package io.autoops.experiments.run;

import io.autoops.env.sim.FaultOutcome;

import java.util.List;

/**
 * The measured outcome of one episode: a row of {@code episodes.csv}.
 *
 * @param scenario             scenario name
 * @param policy               policy name
 * @param seed                 episode seed
 * @param ret                  undiscounted return
 * @param availability         good requests / all requests over the episode
 * @param sloViolationMinutes  simulated minutes with the good share below the scenario's threshold
 * @param actions              non-no-op actions taken
 * @param falsePositives       actions related to no active fault (every action in a fault-free run)
 * @param cost                 instance cost plus action disruption, in cost units
 * @param faultFree            whether the scenario injects no fault (a control)
 * @param welfare              social welfare: every service's own reward summed over the episode
 * @param conflicts            actions that found their resource taken by another action of the same tick
 * @param faults               ground truth per injected fault
 */
public record EpisodeResult(String scenario, String policy, long seed, double ret, double availability,
                            double sloViolationMinutes, int actions, int falsePositives, double cost,
                            boolean faultFree, double welfare, int conflicts, List<FaultOutcome> faults) {
    public EpisodeResult {
        faults = List.copyOf(faults);
    }

    /** The run name used in files: {@code scenario__policy__seed}. */
    public String runName() {
        return scenario.replace('/', '-') + "__" + policy + "__" + seed;
    }
}
