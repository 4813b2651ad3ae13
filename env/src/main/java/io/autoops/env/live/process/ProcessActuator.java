package io.autoops.env.live.process;

import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.autoops.env.live.shop.Shop;
import io.autoops.env.live.shop.ShopState;

import java.util.Comparator;
import java.util.List;

/**
 * Remediations on local processes (the demo shop, or anything run the same way): restart starts the
 * service's stopped instances, or when none is stopped restarts all one by one (or one instance, for an
 * instance target), as a ReplicaSet replaces dead pods; scale out and in start
 * and stop instance processes; roll back returns the service to its previous version; drain moves the
 * instances of a node to the others. Load shedding is refused: local processes have no load balancer
 * in front of them to shed at. Each call returns when the change is done (new processes accept
 * connections). Thread-safe (the shop serialises changes with a file lock).
 */
public final class ProcessActuator implements Actuator {

    private final Shop shop;

    public ProcessActuator(Shop shop) {
        this.shop = shop;
    }

    @Override
    public Actuation execute(Remediation remediation) {
        try {
            String message = apply(remediation);
            if (message == null) {
                return new Actuation(remediation, Actuation.Outcome.REFUSED,
                        "load shedding needs a load balancer; local processes have none");
            }
            return new Actuation(remediation, Actuation.Outcome.DONE, message);
        } catch (Shop.Refused e) {
            return new Actuation(remediation, Actuation.Outcome.REFUSED, e.getMessage());
        } catch (RuntimeException e) {
            return new Actuation(remediation, Actuation.Outcome.FAILED,
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Reads the shop's state: rollback needs a previous version, scale-in two instances, drain another schedulable node. */
    @Override
    public boolean possible(Remediation r) {
        ShopState st = shop.state();
        String name = r.target().name();
        if (r instanceof Remediation.ShedLoad) {
            return false;
        } else if (r instanceof Remediation.Rollback) {
            return st.services().containsKey(name) && st.service(name).previous() != null;
        } else if (r instanceof Remediation.ScaleIn s) {
            return st.instancesOf(name).size() > s.replicas();
        } else if (r instanceof Remediation.DrainNode) {
            return !st.cordoned().contains(name) && st.nodes().stream().filter(n -> !st.cordoned().contains(n)).count() > 1;
        }
        return true;
    }

    /** What was done, or null when the remediation is refused. */
    private String apply(Remediation remediation) {
        String service = remediation.target().name();
        if (remediation instanceof Remediation.NoOp) {
            return "nothing to do";
        } else if (remediation instanceof Remediation.Restart) {
            return restart(remediation.target());
        } else if (remediation instanceof Remediation.ScaleOut s) {
            shop.scaleOut(service, s.replicas());
            return "started " + s.replicas() + " instance(s) of " + service;
        } else if (remediation instanceof Remediation.ScaleIn s) {
            shop.scaleIn(service, s.replicas());
            return "stopped " + s.replicas() + " instance(s) of " + service;
        } else if (remediation instanceof Remediation.Rollback) {
            shop.rollback(service);
            return "rolled " + service + " back and restarted its instances";
        } else if (remediation instanceof Remediation.DrainNode) {
            shop.drain(service);
            return "moved the instances of " + service + " to other nodes";
        }
        return null; // ShedLoad
    }

    private String restart(Target target) {
        if (target.kind() == Target.Kind.INSTANCE) {
            shop.restart(target.name());
            return "restarted " + target.name();
        }
        List<ShopState.Instance> all = shop.state().instancesOf(target.name());
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no service '" + target.name() + "' in the shop");
        }
        List<ShopState.Instance> stopped = all.stream().filter(i -> !shop.running(i)).toList();
        if (!stopped.isEmpty()) {
            for (ShopState.Instance i : stopped) {
                shop.restart(i.id());
            }
            return "restarted the " + stopped.size() + " stopped instance(s) of " + target.name() + ": "
                    + stopped.stream().map(ShopState.Instance::id).toList();
        }
        List<ShopState.Instance> of = all.stream().sorted(Comparator.comparing(ShopState.Instance::replica)).toList();
        for (ShopState.Instance i : of) {
            shop.restart(i.id());
        }
        return "restarted the " + of.size() + " instance(s) of " + target.name() + " one by one";
    }
}
