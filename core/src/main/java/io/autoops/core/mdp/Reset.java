package io.autoops.core.mdp;

import java.util.Objects;

/**
 * The start of an episode.
 *
 * @param observation the first observation; owned by the caller (the environment never writes to it again)
 * @param info        typed information about the start, may be {@code null} when the environment has none
 */
public record Reset<I>(double[] observation, I info) {
    public Reset {
        Objects.requireNonNull(observation, "observation");
    }
}
