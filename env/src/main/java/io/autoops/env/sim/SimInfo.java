package io.autoops.env.sim;

/**
 * What happened in one simulated tick, beyond the observation.
 *
 * @param tick             tick number (0 at reset)
 * @param goodShare        share of external requests served successfully within SLO
 * @param requests         external requests this tick
 * @param served           of them, answered successfully (in or out of SLO)
 * @param failed           answered with an error or timed out
 * @param dropped          shed at the entry by a load-shedding action
 * @param instances        instances running (starting or ready)
 * @param action           label of the action applied at this tick
 * @param actionEffective  whether the action changed anything
 * @param falsePositive    whether the action related to no active fault
 * @param activeFaults     faults acting on the system now
 */
public record SimInfo(int tick, double goodShare, double requests, double served, double failed, double dropped,
                      double instances, String action, boolean actionEffective, boolean falsePositive,
                      int activeFaults) {

    /** The information about the tick {@code sim} just simulated. */
    public static SimInfo of(Simulator sim) {
        return new SimInfo(sim.tick(), sim.goodShare(), sim.requests(), sim.served(), sim.failed(), sim.dropped(),
                sim.instances(), sim.actionSpace().label(sim.lastAction()), sim.lastActionEffective(),
                sim.lastActionFalsePositive(), sim.activeFaults());
    }
}
