package io.autoops.policies.rules;

import io.autoops.core.mdp.Policy;

/** Never acts: action 0, the no-op. The floor every healing policy must beat. Stateless, thread-safe. */
public final class NoOpPolicy implements Policy {
    @Override
    public int act(double[] observation, boolean[] mask) {
        return 0;
    }
}
