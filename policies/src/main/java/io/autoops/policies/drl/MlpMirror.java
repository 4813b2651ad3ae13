package io.autoops.policies.drl;

/**
 * A plain-Java copy of a ReLU MLP's weights for fast forward passes on a few rows: a 2 x 64 network
 * costs about 10,000 multiply-adds per row, far less than ND4J's per-op overhead on small inputs.
 * DL4J's flat parameter layout per dense layer: the weights as an {@code nIn x nOut} matrix in column-major
 * ('f') order, then {@code nOut} biases. Not thread-safe.
 */
final class MlpMirror {

    private final int[] sizes;
    private final float[][] w;
    private final float[][] b;
    private final float[][] act;

    /** @param sizes layer widths, input first, output last */
    MlpMirror(int[] sizes) {
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        w = new float[layers][];
        b = new float[layers][];
        act = new float[layers + 1][];
        for (int l = 0; l < layers; l++) {
            w[l] = new float[sizes[l] * sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
        }
    }

    /**
     * Copies DL4J's flat parameters, converting the column-major weights to row-major [in][out]: the
     * forward pass adds each input times its contiguous row of weights, a loop the JIT vectorises.
     */
    void load(float[] params) {
        int p = 0;
        for (int l = 0; l < w.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    w[l][i * out + j] = params[p + j * in + i];
                }
            }
            p += in * out;
            System.arraycopy(params, p, b[l], 0, out);
            p += out;
        }
        if (p != params.length) {
            throw new IllegalArgumentException("expected " + p + " parameters, got " + params.length);
        }
    }

    /** Forward pass for {@code rows} inputs; returns rows x outputs (a reused buffer: copy it if you keep it). */
    float[] forward(float[] x, int rows) {
        float[] in = x;
        for (int l = 0; l < w.length; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            if (act[l + 1] == null || act[l + 1].length < rows * nOut) {
                act[l + 1] = new float[rows * nOut];
            }
            float[] out = act[l + 1];
            float[] wl = w[l];
            float[] bl = b[l];
            boolean relu = l < w.length - 1;
            for (int r = 0; r < rows; r++) {
                int xo = r * nIn;
                int oo = r * nOut;
                System.arraycopy(bl, 0, out, oo, nOut);
                for (int i = 0; i < nIn; i++) {
                    float xi = in[xo + i];
                    if (xi == 0) {
                        continue;   // ReLU zeros and one-hot features: about half the inputs
                    }
                    int wo = i * nOut;
                    for (int j = 0; j < nOut; j++) {
                        out[oo + j] += xi * wl[wo + j];
                    }
                }
                if (relu) {
                    for (int j = 0; j < nOut; j++) {
                        if (out[oo + j] < 0) {
                            out[oo + j] = 0;
                        }
                    }
                }
            }
            in = out;
        }
        return in;
    }
}
