package io.autoops.policies.marl;

import io.autoops.policies.drl.Mlp;

/**
 * The Q-networks of N healers: one shared network, or one per healer. Inputs come as rows laid out
 * sample after sample, each sample holding one row per healer in agent order ({@code row = s * N + i});
 * with separate networks, each healer's rows are gathered, evaluated by its own network and scattered
 * back. Not thread-safe.
 */
final class AgentNetworks {

    final Mlp[] nets;
    private final int agents;
    private final int in;
    private final int out;

    AgentNetworks(int agents, boolean shared, int in, int out, int[] hidden, double learningRate, double gradientClip,
                  long seed) {
        this.agents = agents;
        this.in = in;
        this.out = out;
        this.nets = new Mlp[shared ? 1 : agents];
        for (int j = 0; j < nets.length; j++) {
            nets[j] = Mlp.create(in, out, hidden, learningRate, gradientClip, seed + 7919L * j);
        }
    }

    AgentNetworks(int agents, Mlp[] nets) {
        this.agents = agents;
        this.nets = nets.clone();
        this.in = nets[0].inputs();
        this.out = nets[0].outputs();
        if (nets.length != 1 && nets.length != agents) {
            throw new IllegalArgumentException("need one shared network or one per agent (" + agents + "), got " + nets.length);
        }
    }

    boolean shared() {
        return nets.length == 1;
    }

    /** Outputs for {@code rows} input rows (a multiple of the agent count); {@code small}: plain-Java forward pass. */
    float[] predict(float[] x, int rows, boolean small) {
        if (shared()) {
            float[] y = small ? nets[0].predictSmall(x, rows) : nets[0].predict(x, rows);
            return java.util.Arrays.copyOf(y, rows * out);
        }
        int samples = rows / agents;
        float[] y = new float[rows * out];
        float[] xi = new float[samples * in];
        for (int i = 0; i < agents; i++) {
            for (int s = 0; s < samples; s++) {
                System.arraycopy(x, (s * agents + i) * in, xi, s * in, in);
            }
            float[] yi = small ? nets[i].predictSmall(xi, samples) : nets[i].predict(xi, samples);
            for (int s = 0; s < samples; s++) {
                System.arraycopy(yi, s * out, y, (s * agents + i) * out, out);
            }
        }
        return y;
    }

    /** One gradient step of each network towards {@code labels} for its rows. */
    void fit(float[] x, float[] labels, int rows) {
        if (shared()) {
            nets[0].fit(x, labels, rows);
            return;
        }
        int samples = rows / agents;
        float[] xi = new float[samples * in];
        float[] li = new float[samples * out];
        for (int i = 0; i < agents; i++) {
            for (int s = 0; s < samples; s++) {
                System.arraycopy(x, (s * agents + i) * in, xi, s * in, in);
                System.arraycopy(labels, (s * agents + i) * out, li, s * out, out);
            }
            nets[i].fit(xi, li, samples);
        }
    }

    void copyFrom(AgentNetworks other) {
        for (int j = 0; j < nets.length; j++) {
            nets[j].copyFrom(other.nets[j]);
        }
    }

    /** Independent copies of the networks (for a best model kept aside while training goes on). */
    Mlp[] snapshot() {
        Mlp[] copy = new Mlp[nets.length];
        for (int j = 0; j < nets.length; j++) {
            copy[j] = Mlp.restore(nets[j].configJson(), nets[j].parameters());
        }
        return copy;
    }
}
