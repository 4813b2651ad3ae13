package io.autoops.core.ops;

import java.util.Objects;

/**
 * What a remediation acts on: a service, one instance of a service, a node, or nothing (no-op).
 *
 * @param kind the kind of target
 * @param name service name, instance id ({@code service/index}, e.g. {@code payment/2}) or node name; empty for {@link Kind#NONE}
 */
public record Target(Kind kind, String name) {

    public enum Kind { NONE, SERVICE, INSTANCE, NODE }

    public static final Target NONE = new Target(Kind.NONE, "");

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.NONE ? !name.isEmpty() : name.isBlank()) {
            throw new IllegalArgumentException(kind == Kind.NONE ? "a NONE target has no name"
                    : "a " + kind + " target needs a name");
        }
        if (kind == Kind.INSTANCE && name.indexOf('/') < 1) {
            throw new IllegalArgumentException("an instance target is named service/index, got '" + name + "'");
        }
    }

    public static Target service(String name) {
        return new Target(Kind.SERVICE, name);
    }

    public static Target instance(String service, int index) {
        return new Target(Kind.INSTANCE, service + "/" + index);
    }

    public static Target node(String name) {
        return new Target(Kind.NODE, name);
    }

    /** The service this target belongs to (the service itself, or an instance's service); empty otherwise. */
    public String service() {
        return switch (kind) {
            case SERVICE -> name;
            case INSTANCE -> name.substring(0, name.indexOf('/'));
            default -> "";
        };
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "-" : name;
    }
}
