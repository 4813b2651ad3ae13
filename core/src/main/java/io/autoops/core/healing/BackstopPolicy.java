package io.autoops.core.healing;

import io.autoops.core.mdp.Policy;

import java.util.Objects;

/**
 * A policy with another behind it for its blind spots: a learned policy backed by rules, say. The
 * primary decides. When the backstop asks for an action, the primary gets {@code patience} more
 * decisions to act; if it acts (on anything), the backstop's wish is dropped, else the wish is carried
 * out (when the mask still allows it). A fault the primary handles is therefore not raced by the
 * backstop, and a fault it does not see is handled {@code patience} decisions after the backstop's own
 * rules fire instead of never. The wish is not asked again: the backstop's persistence (a rule's
 * {@code for}) decides how sure it must be.
 *
 * <p>Both policies see every observation and the same mask, so a stateful backstop keeps its state.
 * Stateful itself (the wish): one system at a time.
 */
public final class BackstopPolicy implements Policy {

    private final Policy primary;
    private final String primaryName;
    private final Policy backstop;
    private final String backstopName;
    private final int patience;
    private int wish;
    private int waited;
    private boolean lastByBackstop;

    /**
     * @param patience decisions the primary gets to act after the backstop asked for an action; at least 1
     */
    public BackstopPolicy(Policy primary, String primaryName, Policy backstop, String backstopName, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("backstop patience must be at least 1 decision, got " + patience);
        }
        this.primary = Objects.requireNonNull(primary, "primary");
        this.primaryName = Objects.requireNonNull(primaryName, "primaryName");
        this.backstop = Objects.requireNonNull(backstop, "backstop");
        this.backstopName = Objects.requireNonNull(backstopName, "backstopName");
        this.patience = patience;
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        int p = primary.act(observation, mask);
        int b = backstop.act(observation, mask);
        lastByBackstop = false;
        if (p != 0) {
            wish = 0;
            return p;
        }
        if (wish == 0 && b != 0) {
            wish = b;
            waited = 0;
            return 0;
        }
        if (wish != 0 && ++waited >= patience) {
            int a = wish;
            wish = 0;
            if (mask == null || mask[a]) {
                lastByBackstop = true;
                return a;
            }
        }
        return 0;
    }

    @Override
    public void reset() {
        primary.reset();
        backstop.reset();
        wish = 0;
        lastByBackstop = false;
    }

    /** Who made the last decision: the primary's name, or the backstop's marked as such (for the audit log). */
    public String lastDecidedBy() {
        return lastByBackstop ? backstopName + " (backstop)" : primaryName;
    }

    /** How the pair is named in status and logs. */
    public String describe() {
        return primaryName + " with backstop " + backstopName;
    }

    public int patience() {
        return patience;
    }
}
