package io.autoops.env.sim;

import io.autoops.env.scenario.FaultType;

/**
 * Ground truth for one injected fault, exact because the simulator knows what it injected.
 *
 * <p>Recovery is about users, not pods: the fault counts as recovered at the first tick from which the
 * share of good requests stays at or above the scenario's threshold for the settle window, and does
 * not fall below it again while the fault is still active. A fault that never pushed the share below
 * the threshold had no impact (MTTR 0).
 *
 * @param type              what was injected
 * @param target            its root: service, instance ({@code service/index}) or node
 * @param onsetSeconds      when it started
 * @param detectedSeconds   first action related to it (same service or node, or a caller for outages), NaN if none
 * @param correctSeconds    first action of a kind that fixes it on its root, NaN if none
 * @param recoveredSeconds  when recovery began (see above), NaN if not recovered
 * @param impact            whether it ever pushed the good share below the threshold
 * @param activeAtEnd       whether it was still acting when the episode ended
 */
public record FaultOutcome(FaultType type, String target, double onsetSeconds, double detectedSeconds,
                           double correctSeconds, double recoveredSeconds, boolean impact, boolean activeAtEnd) {

    /** Time to detect: from onset to the first related action; NaN if never acted on. */
    public double mttdSeconds() {
        return detectedSeconds - onsetSeconds;
    }

    /** Time to recover: from onset to recovery; 0 without impact; NaN if not recovered. */
    public double mttrSeconds() {
        if (!impact && !Double.isNaN(recoveredSeconds)) {
            return 0;
        }
        return recoveredSeconds - onsetSeconds;
    }

    /** Whether the users got their service back before the episode ended. */
    public boolean mitigated() {
        return !Double.isNaN(recoveredSeconds);
    }
}
