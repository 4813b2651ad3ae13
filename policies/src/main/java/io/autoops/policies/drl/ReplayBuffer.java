package io.autoops.policies.drl;

/**
 * A ring buffer of n-step transitions in primitive arrays: normalised observation, action, summed
 * discounted reward, the discount to apply to the bootstrap value (0 when the episode terminated),
 * the next observation and its action mask, and the action mask of the observation (advantage learning's
 * max over the actions valid there). Not thread-safe.
 */
final class ReplayBuffer {

    final int capacity;
    final int dim;
    final int actions;
    final float[] obs;
    final float[] next;
    final int[] action;
    final float[] reward;
    final float[] discount;
    final boolean[] nextMask;
    final boolean[] mask;
    private int size;
    private int pos;

    ReplayBuffer(int capacity, int dim, int actions) {
        this.capacity = capacity;
        this.dim = dim;
        this.actions = actions;
        obs = new float[capacity * dim];
        next = new float[capacity * dim];
        action = new int[capacity];
        reward = new float[capacity];
        discount = new float[capacity];
        nextMask = new boolean[capacity * actions];
        mask = new boolean[capacity * actions];
    }

    int size() {
        return size;
    }

    void add(float[] o, int oOff, boolean[] oMask, int oMaskOff, int a, float r, float disc, float[] n, int nOff,
             boolean[] nMask, int nMaskOff) {
        System.arraycopy(o, oOff, obs, pos * dim, dim);
        System.arraycopy(oMask, oMaskOff, mask, pos * actions, actions);
        System.arraycopy(n, nOff, next, pos * dim, dim);
        System.arraycopy(nMask, nMaskOff, nextMask, pos * actions, actions);
        action[pos] = a;
        reward[pos] = r;
        discount[pos] = disc;
        pos = (pos + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    int position() {
        return pos;
    }

    void restore(int size, int pos) {
        this.size = size;
        this.pos = pos;
    }
}
