package io.autoops.policies.drl;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.openblas.global.openblas;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The training step of an {@link Mlp}, on the network's own parameter and Adam-state memory: a forward
 * pass keeping each layer's activations, the backward pass of the dense ReLU layers, DL4J's per-layer L2
 * gradient clipping ({@code ClipL2PerLayer}) and DL4J's Adam with the network's configured learning rate,
 * betas and epsilon. It computes what {@code MultiLayerNetwork.fit} and {@code backpropGradient} compute
 * for these networks (tested against them step after step), in a different order of floating-point
 * operations.
 *
 * <p>Why not ND4J operations: on a 2 x 64 network every ND4J call costs 5-15 us of dispatch, as much as
 * the arithmetic it starts, and a step needs about 40 of them (profiled: the dispatch, and libnd4j's Adam
 * kernel, took more time than the matrix products). Here the matrix products (nine in a double-DQN
 * step) go straight to {@code cblas_sgemm} of OpenBLAS, the BLAS that ND4J itself runs on (0.1 us per
 * call), on direct buffers; the element-wise work (bias, ReLU and its derivative, bias gradients, clipping,
 * Adam) runs in Java on heap copies, which the JIT vectorises, moved to and from native memory in bulk.
 *
 * <p>Memory layout, as DL4J keeps it: the flat parameters (and the gradient) hold, per dense layer, the
 * weights as an {@code nIn x nOut} column-major matrix, which is the row-major {@code nOut x nIn}
 * transpose, followed by {@code nOut} biases; Adam's state is the first moment for every parameter, then
 * the second. Activations and deltas are row-major, one row per input. The products run on one thread
 * unless OpenBLAS is told otherwise ({@code OMP_NUM_THREADS}; the launcher and the tests set 1).
 *
 * <p>Applies to what {@link Mlp#create} and {@link Mlp#createHead} build: dense layers, ReLU hidden
 * activations, an identity output, Adam with a fixed learning rate, {@code ClipL2PerLayer} or no gradient
 * normalisation, no regularisation. Not thread-safe; one instance per network.
 */
final class FusedStep {

    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;

    private final MultiLayerNetwork net;
    private final int layers;
    private final int[] sizes;
    private final int[] offsets;     // where each layer's weights start in the flat parameters; its biases follow
    private final int n;             // parameters in all
    private final boolean clipping;
    private final double clip;
    private final Adam adam;

    // heap copies for the element-wise work
    private final float[] p;         // parameters
    private final float[] g;         // gradient
    private final float[] m;         // Adam's first moment
    private final float[] v;         // Adam's second moment
    private float[][] actH;          // actH[l + 1] = output of layer l; actH[0] holds the input only when needed
    private float[][] deltaH;        // deltaH[l] = d loss / d pre-activation of layer l, over the kept rows

    // native memory the products read and write
    private final FloatBuffer[] gradW;   // per layer, nOut x nIn row-major
    private INDArray boundParams;
    private INDArray boundState;
    private FloatBuffer params;
    private FloatBuffer[] weights;       // per layer, views of the network's parameters: nOut x nIn row-major
    private FloatBuffer moment1;
    private FloatBuffer moment2;
    private FloatBuffer[] act;           // act[0] = input, act[l + 1] = output of layer l; rows x sizes[l]
    private FloatBuffer[] delta;

    private int capacity;            // rows the activation buffers hold
    private int keptCapacity;        // rows the delta buffers hold
    private int keptRows;

    FusedStep(Mlp mlp) {
        this.net = mlp.dl4j();
        this.layers = net.getnLayers();
        this.sizes = new int[layers + 1];
        this.offsets = new int[layers];
        int count = 0;
        for (int l = 0; l < layers; l++) {
            var conf = (FeedForwardLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
            sizes[l] = (int) conf.getNIn();
            sizes[l + 1] = (int) conf.getNOut();
            offsets[l] = count;
            count += sizes[l] * sizes[l + 1] + sizes[l + 1];
            var activation = conf.getActivationFn();
            boolean expected = l < layers - 1 ? activation instanceof ActivationReLU : activation instanceof ActivationIdentity;
            if (!expected) {
                throw new IllegalArgumentException("the fused step needs ReLU hidden layers and an identity output; layer "
                        + l + " has " + activation);
            }
            if (conf.getRegularization() != null && !conf.getRegularization().isEmpty()
                    || conf.getRegularizationBias() != null && !conf.getRegularizationBias().isEmpty()) {
                throw new IllegalArgumentException("the fused step does not apply regularisation (layer " + l + ")");
            }
        }
        if (count != net.numParams()) {
            throw new IllegalStateException("parameter layout: expected " + net.numParams() + " parameters, laid out " + count);
        }
        this.n = count;
        var first = (BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
        GradientNormalization normalization = first.getGradientNormalization();
        if (normalization != GradientNormalization.None && normalization != GradientNormalization.ClipL2PerLayer) {
            throw new IllegalArgumentException("the fused step applies ClipL2PerLayer or no normalisation, not " + normalization);
        }
        this.clipping = normalization == GradientNormalization.ClipL2PerLayer;
        this.clip = first.getGradientNormalizationThreshold();
        var blocks = ((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks();
        if (blocks.size() != 1 || !(blocks.get(0).getGradientUpdater() instanceof AdamUpdater updater)) {
            throw new IllegalArgumentException("the fused step needs one Adam updater for all parameters");
        }
        this.adam = updater.getConfig();
        if (adam.getLearningRateSchedule() != null) {
            throw new IllegalArgumentException("the fused step applies a fixed learning rate, not a schedule");
        }
        this.p = new float[n];
        this.g = new float[n];
        this.m = new float[n];
        this.v = new float[n];
        bind();
        FloatBuffer gradient = allocate(n);
        this.gradW = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            gradW[l] = slice(gradient, offsets[l], sizes[l] * sizes[l + 1]);
        }
    }

    /**
     * Forward pass of {@code rows} inputs (row after row in {@code x} from {@code offset}), keeping the activations of the
     * first {@code keep} rows for {@link #descend} (none when 0). Returns a reused buffer whose first
     * rows x outputs values are the outputs.
     */
    float[] forward(float[] x, int offset, int rows, int keep) {
        if (keep < 0 || keep > rows) {
            throw new IllegalArgumentException("keep " + keep + " of " + rows + " rows");
        }
        ensureCapacity(rows, keep);
        act[0].put(0, x, offset, rows * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            int size = rows * nOut;
            openblas.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, rows, nOut, nIn, 1f, act[l], nIn, weights[l], nIn, 0f, act[l + 1], nOut);
            float[] z = actH[l + 1];
            act[l + 1].get(0, z, 0, size);
            int bias = offsets[l] + nIn * nOut;
            params.get(bias, p, bias, nOut);
            for (int r = 0; r < size; r += nOut) {
                for (int j = 0; j < nOut; j++) {
                    z[r + j] += p[bias + j];
                }
            }
            if (l < layers - 1) {
                for (int i = 0; i < size; i++) {
                    z[i] = Math.max(z[i], 0f);
                }
                act[l + 1].put(0, z, 0, size);
            }
        }
        keptRows = keep;
        return actH[layers];
    }

    /**
     * One Adam step for the rows kept by the last {@link #forward}: {@code dOut} (kept rows x outputs)
     * holds d loss / d output of each row's own loss; like DL4J, the gradient is averaged over the rows.
     */
    void descend(float[] dOut) {
        int r = keptRows();
        int top = layers - 1;
        float scale = (float) (1.0 / r);
        float[] d0 = deltaH[top];
        for (int i = 0, size = r * sizes[layers]; i < size; i++) {
            d0[i] = dOut[i] * scale;
        }
        delta[top].put(0, d0, 0, r * sizes[layers]);
        backward(top, r);
    }

    /**
     * {@link #descend} for a gradient that is zero but at one output per row: {@code dValue[k]} at output
     * {@code index[k]} of kept row {@code k} (a loss on the value of the action taken, as in Q-learning). The
     * output layer's two products become a few thousand multiply-adds in Java.
     */
    void descendAt(int[] index, float[] dValue) {
        int r = keptRows();
        int top = layers - 1;
        int nIn = sizes[top];
        int nOut = sizes[layers];
        if (index.length < r || dValue.length < r) {
            throw new IllegalArgumentException("need an output index and a gradient for each of the " + r + " kept rows");
        }
        int weightsAt = offsets[top];
        int bias = weightsAt + nIn * nOut;
        java.util.Arrays.fill(g, weightsAt, bias + nOut, 0f);
        params.get(weightsAt, p, weightsAt, nIn * nOut);
        float[] a = actH[top];
        if (top == 0) {
            act[0].get(0, a, 0, r * nIn);
        }
        float[] below = top > 0 ? deltaH[top - 1] : null;
        float scale = (float) (1.0 / r);
        for (int k = 0; k < r; k++) {
            int j = index[k];
            if (j < 0 || j >= nOut) {
                throw new IllegalArgumentException("row " + k + ": output " + j + " of " + nOut);
            }
            float d = dValue[k] * scale;
            int row = k * nIn;
            int w = weightsAt + j * nIn;   // the weights into output j: row j of the row-major nOut x nIn matrix
            for (int i = 0; i < nIn; i++) {
                g[w + i] += d * a[row + i];
            }
            g[bias + j] += d;
            if (below != null) {
                // the delta of the layer below: d times output j's weights, zero where its ReLU was off
                for (int i = 0; i < nIn; i++) {
                    below[row + i] = a[row + i] > 0 ? d * p[w + i] : 0f;
                }
            }
        }
        if (below != null) {
            delta[top - 1].put(0, below, 0, r * nIn);
        }
        backward(top - 1, r);
    }

    private int keptRows() {
        if (keptRows < 1) {
            throw new IllegalStateException("a descent needs a forward pass that kept rows");
        }
        return keptRows;
    }

    /**
     * The gradient of layers {@code from} down to 0 from the delta of layer {@code from} (in {@code delta}
     * and {@code deltaH}), then clipping and the Adam step; the layers above have their gradient in {@code g}.
     */
    private void backward(int from, int r) {
        for (int l = from; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            // weight gradient (row-major nOut x nIn) = delta^T (nOut x r) . input of the layer (r x nIn)
            openblas.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nOut, nIn, r, 1f, delta[l], nOut, act[l], nIn, 0f, gradW[l], nIn);
            gradW[l].get(0, g, offsets[l], nIn * nOut);
            float[] d = deltaH[l];
            int bias = offsets[l] + nIn * nOut;
            java.util.Arrays.fill(g, bias, bias + nOut, 0f);
            for (int k = 0, size = r * nOut; k < size; k += nOut) {
                for (int j = 0; j < nOut; j++) {
                    g[bias + j] += d[k + j];
                }
            }
            if (l > 0) {
                // delta of the layer below (r x nIn) = delta (r x nOut) . W^T, zero where its ReLU was off
                openblas.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, r, nIn, nOut, 1f, delta[l], nOut, weights[l], nIn, 0f, delta[l - 1], nIn);
                float[] below = deltaH[l - 1];
                float[] a = actH[l];
                int size = r * nIn;
                delta[l - 1].get(0, below, 0, size);
                for (int i = 0; i < size; i++) {
                    if (!(a[i] > 0)) {
                        below[i] = 0f;
                    }
                }
                delta[l - 1].put(0, below, 0, size);
            }
        }
        if (clipping) {
            clipPerLayer();
        }
        int iteration = net.getIterationCount();
        adamStep(iteration);
        net.setIterationCount(iteration + 1);
    }

    private void clipPerLayer() {
        for (int l = 0; l < layers; l++) {
            int from = offsets[l];
            int to = from + sizes[l] * sizes[l + 1] + sizes[l + 1];
            // four running sums: one would make each addition wait for the one before
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                s0 += (double) g[i] * g[i];
                s1 += (double) g[i + 1] * g[i + 1];
                s2 += (double) g[i + 2] * g[i + 2];
                s3 += (double) g[i + 3] * g[i + 3];
            }
            for (; i < to; i++) {
                s0 += (double) g[i] * g[i];
            }
            double norm = Math.sqrt((s0 + s1) + (s2 + s3));
            if (norm > clip) {
                float scale = (float) (clip / norm);
                for (int k = from; k < to; k++) {
                    g[k] *= scale;
                }
            }
        }
    }

    /** DL4J's Adam (libnd4j's {@code adam_updater}, in float), then parameters minus the update. */
    private void adamStep(int iteration) {
        float beta1 = (float) adam.getBeta1();
        float beta2 = (float) adam.getBeta2();
        float epsilon = (float) adam.getEpsilon();
        float lr = (float) adam.getLearningRate(iteration, 0);
        float beta1T = (float) Math.pow(beta1, iteration + 1);
        float beta2T = (float) Math.pow(beta2, iteration + 1);
        float step = (float) (lr * (float) Math.sqrt(1.0 - beta2T) / (1.0 - beta1T));
        if (!Float.isFinite(step) || step == 0) {
            step = epsilon;
        }
        params.get(0, p, 0, n);
        moment1.get(0, m, 0, n);
        moment2.get(0, v, 0, n);
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * keep1;
            float vi = beta2 * v[i] + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            p[i] -= mi * step / ((float) Math.sqrt(vi) + epsilon);
        }
        params.put(0, p, 0, n);
        moment1.put(0, m, 0, n);
        moment2.put(0, v, 0, n);
    }

    /**
     * Views of the network's parameters and Adam state, made again if DL4J replaced either array: called at
     * construction and by {@link Mlp} after each call into DL4J that writes them (not per step: asking DL4J
     * for its arrays costs more than the check).
     */
    void bind() {
        INDArray paramArray = net.params();
        INDArray state = net.getUpdater().getStateViewArray();
        if (paramArray == boundParams && state == boundState) {
            return;   // DL4J writes new values into these arrays (setParams, setUpdaterState): the views stay valid
        }
        params = view(paramArray, 0, n);
        weights = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = slice(params, offsets[l], sizes[l] * sizes[l + 1]);
        }
        if (state.length() != 2L * n) {
            throw new IllegalStateException("Adam state of " + state.length() + " values for " + n + " parameters");
        }
        moment1 = view(state, 0, n);
        moment2 = view(state, n, n);
        boundParams = paramArray;
        boundState = state;
    }

    private void ensureCapacity(int rows, int keep) {
        if (rows > capacity) {
            capacity = rows;
            act = new FloatBuffer[layers + 1];
            actH = new float[layers + 1][];
            for (int l = 0; l <= layers; l++) {
                act[l] = allocate(rows * sizes[l]);
                actH[l] = new float[rows * sizes[l]];
            }
        }
        if (keep > keptCapacity) {
            keptCapacity = keep;
            delta = new FloatBuffer[layers];
            deltaH = new float[layers][];
            for (int l = 0; l < layers; l++) {
                delta[l] = allocate(keep * sizes[l + 1]);
                deltaH[l] = new float[keep * sizes[l + 1]];
            }
        }
    }

    private static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A native-order view of {@code length} floats from {@code from} of a contiguous float array's memory. */
    private static FloatBuffer view(INDArray array, int from, int length) {
        if (array.dataType() != DataType.FLOAT || !array.isVector() || array.elementWiseStride() != 1
                || from + (long) length > array.length()) {
            throw new IllegalStateException("expected a contiguous float vector of at least " + (from + length)
                    + " values, got " + array.shapeInfoToString());
        }
        long bytes = (array.offset() + from + (long) length) * Float.BYTES;
        FloatBuffer floats = new BytePointer(array.data().addressPointer()).capacity(bytes).limit(bytes)
                .position((array.offset() + from) * Float.BYTES).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
        int last = from + length - 1;
        if (floats.capacity() != length
                || Float.floatToIntBits(floats.get(length - 1)) != Float.floatToIntBits(array.getFloat(last))) {
            throw new IllegalStateException("could not view the memory of " + array.shapeInfoToString());
        }
        return floats;
    }

    private static FloatBuffer slice(FloatBuffer buffer, int from, int length) {
        return buffer.duplicate().position(from).limit(from + length).slice();
    }
}
