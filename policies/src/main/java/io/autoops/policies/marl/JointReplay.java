package io.autoops.policies.marl;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A ring buffer of n-step joint transitions in primitive arrays: per healer its normalised input row,
 * action, summed discounted reward, next input row and next action mask; per transition the discount
 * to apply to the bootstrap values (0 when the episode terminated). Not thread-safe.
 */
final class JointReplay {

    final int capacity;
    private final int agents;
    private final int in;
    private final int actions;
    final float[] obs;
    final float[] next;
    final int[] action;
    final float[] reward;
    final float[] discount;
    final boolean[] nextMask;
    private int size;
    private int pos;

    JointReplay(int capacity, int agents, int in, int actions) {
        this.capacity = capacity;
        this.agents = agents;
        this.in = in;
        this.actions = actions;
        obs = new float[capacity * agents * in];
        next = new float[capacity * agents * in];
        action = new int[capacity * agents];
        reward = new float[capacity * agents];
        discount = new float[capacity];
        nextMask = new boolean[capacity * agents * actions];
    }

    int size() {
        return size;
    }

    void add(float[] o, int oOff, int[] a, int aOff, float[] r, float disc, float[] nx, int nOff, boolean[] mask, int mOff) {
        int row = agents * in;
        System.arraycopy(o, oOff, obs, pos * row, row);
        System.arraycopy(nx, nOff, next, pos * row, row);
        System.arraycopy(mask, mOff, nextMask, pos * agents * actions, agents * actions);
        System.arraycopy(a, aOff, action, pos * agents, agents);
        System.arraycopy(r, 0, reward, pos * agents, agents);
        discount[pos] = disc;
        pos = (pos + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(size);
        out.writeInt(pos);
        int row = agents * in;
        for (int t = 0; t < size; t++) {
            for (int d = 0; d < row; d++) {
                out.writeFloat(obs[t * row + d]);
                out.writeFloat(next[t * row + d]);
            }
            for (int i = 0; i < agents; i++) {
                out.writeInt(action[t * agents + i]);
                out.writeFloat(reward[t * agents + i]);
            }
            out.writeFloat(discount[t]);
            for (int m = 0; m < agents * actions; m++) {
                out.writeBoolean(nextMask[t * agents * actions + m]);
            }
        }
    }

    void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        int p = in.readInt();
        if (n > capacity) {
            throw new IOException("checkpoint replay holds " + n + " transitions, this learner's holds " + capacity);
        }
        int row = agents * this.in;
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < row; d++) {
                obs[t * row + d] = in.readFloat();
                next[t * row + d] = in.readFloat();
            }
            for (int i = 0; i < agents; i++) {
                action[t * agents + i] = in.readInt();
                reward[t * agents + i] = in.readFloat();
            }
            discount[t] = in.readFloat();
            for (int m = 0; m < agents * actions; m++) {
                nextMask[t * agents * actions + m] = in.readBoolean();
            }
        }
        size = n;
        pos = p;
    }
}
