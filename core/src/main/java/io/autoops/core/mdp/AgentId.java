package io.autoops.core.mdp;

import java.util.Objects;

/** The name of one agent of a {@link ParallelEnvironment}, e.g. the healer of service {@code payment}. */
public record AgentId(String name) implements Comparable<AgentId> {
    public AgentId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name must not be blank");
        }
    }

    @Override
    public int compareTo(AgentId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
