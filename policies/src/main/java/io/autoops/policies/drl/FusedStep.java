package io.autoops.policies.drl;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The training step of an {@link Mlp} as a fixed sequence of in-place ND4J operations on arrays
 * allocated once: a forward pass that keeps each layer's activations, the backward pass of the dense
 * ReLU layers, DL4J's per-layer L2 gradient clipping and DL4J's own Adam updater, all on the network's
 * parameter and updater-state views. It computes what {@code MultiLayerNetwork.fit} and
 * {@code backpropGradient} compute for these networks (tested against them) without their per-call
 * allocations, which cost more than the arithmetic on a 2 x 64 network: about 40 native calls per
 * step instead of several hundred allocations and copies.
 *
 * <p>Applies to what {@link Mlp#create} and {@link Mlp#createHead} build: dense layers, ReLU hidden
 * activations, an identity output, Adam, {@code ClipL2PerLayer} or no gradient normalisation, no
 * regularisation. Not thread-safe; one instance per network.
 */
final class FusedStep {

    private final MultiLayerNetwork net;
    private final int layers;
    private final int[] sizes;
    private final GradientNormalization normalization;
    private final double clip;
    private final GradientUpdater<?> adam;
    private final INDArray gradient;
    private final INDArray[] gradW;
    private final INDArray[] gradB;
    private final INDArray[] gradLayer;

    private int rows = -1;
    private INDArray input;
    private INDArray[] act;        // act[l + 1] = output of layer l, rows x sizes[l + 1]
    private INDArray[] delta;      // delta[l] = d loss / d pre-activation of layer l, over the kept rows
    private int keptRows = -1;
    private INDArray[] keptAct;    // views of act over the first keptRows rows; keptAct[0] views the input
    private float[] out = new float[0];

    FusedStep(Mlp mlp) {
        this.net = mlp.dl4j();
        this.layers = net.getnLayers();
        this.sizes = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            var conf = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
            sizes[l] = (int) conf.getNIn();
            sizes[l + 1] = (int) conf.getNOut();
            var activation = conf.getActivationFn();
            boolean expected = l < layers - 1 ? activation instanceof org.nd4j.linalg.activations.impl.ActivationReLU
                    : activation instanceof org.nd4j.linalg.activations.impl.ActivationIdentity;
            if (!expected) {
                throw new IllegalArgumentException("the fused step needs ReLU hidden layers and an identity output; layer "
                        + l + " has " + activation);
            }
            if (conf.getRegularization() != null && !conf.getRegularization().isEmpty()
                    || conf.getRegularizationBias() != null && !conf.getRegularizationBias().isEmpty()) {
                throw new IllegalArgumentException("the fused step does not apply regularisation (layer " + l + ")");
            }
        }
        var first = (org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
        this.normalization = first.getGradientNormalization();
        this.clip = first.getGradientNormalizationThreshold();
        if (normalization != GradientNormalization.None && normalization != GradientNormalization.ClipL2PerLayer) {
            throw new IllegalArgumentException("the fused step applies ClipL2PerLayer or no normalisation, not " + normalization);
        }
        var blocks = ((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks();
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("the fused step needs one updater for all parameters, the network has "
                    + blocks.size());
        }
        UpdaterBlock block = blocks.get(0);
        this.adam = block.getGradientUpdater();
        long n = net.numParams();
        this.gradient = Nd4j.create(DataType.FLOAT, 1, n);
        this.gradW = new INDArray[layers];
        this.gradB = new INDArray[layers];
        this.gradLayer = new INDArray[layers];
        long p = 0;
        for (int l = 0; l < layers; l++) {
            long w = (long) sizes[l] * sizes[l + 1];
            gradW[l] = gradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(p, p + w)).reshape('f', sizes[l], sizes[l + 1]);
            gradB[l] = gradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(p + w, p + w + sizes[l + 1]));
            gradLayer[l] = gradient.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(p, p + w + sizes[l + 1]));
            p += w + sizes[l + 1];
        }
        if (p != n) {
            throw new IllegalStateException("parameter layout: expected " + n + " parameters, laid out " + p);
        }
    }

    /**
     * Forward pass of {@code rows} inputs (row after row in {@code x}), keeping the activations of the
     * first {@code keep} rows for {@link #descend} (none when 0). Returns a reused buffer of rows x outputs.
     */
    float[] forward(float[] x, int rows, int keep) {
        if (rows != this.rows) {
            allocate(rows);
        }
        if (keep != keptRows) {
            keep(keep);
        }
        ((FloatPointer) input.data().pointer()).put(x, 0, rows * sizes[0]);
        INDArray in = input;
        for (int l = 0; l < layers; l++) {
            Layer layer = net.getLayer(l);
            INDArray z = act[l + 1];
            Nd4j.gemm(in, layer.getParam("W"), z, false, false, 1.0, 0.0);
            z.addiRowVector(layer.getParam("b"));
            if (l < layers - 1) {
                Nd4j.getExecutioner().exec(new RectifiedLinear(z));
            }
            in = z;
        }
        int size = rows * sizes[layers];
        if (out.length != size) {
            out = new float[size];
        }
        ((FloatPointer) in.data().pointer()).get(out, 0, size);
        return out;
    }

    /**
     * One Adam step for the rows kept by the last {@link #forward}: {@code dOut} (kept rows x outputs)
     * holds d loss / d output of each row's own loss; like DL4J, the gradient is averaged over the rows.
     */
    void descend(float[] dOut) {
        int r = keptRows;
        if (r < 1) {
            throw new IllegalStateException("descend needs a forward pass that kept rows");
        }
        int top = layers - 1;
        ((FloatPointer) delta[top].data().pointer()).put(dOut, 0, r * sizes[layers]);
        delta[top].muli(1.0 / r);
        for (int l = top; l >= 0; l--) {
            INDArray d = delta[l];
            Nd4j.gemm(keptAct[l], d, gradW[l], true, false, 1.0, 0.0);
            d.sum(gradB[l], 0);
            if (l > 0) {
                Nd4j.gemm(d, net.getLayer(l).getParam("W"), delta[l - 1], false, true, 1.0, 0.0);
                Nd4j.exec(new RectifiedLinearDerivative(keptAct[l], delta[l - 1], delta[l - 1]));
            }
        }
        if (normalization == GradientNormalization.ClipL2PerLayer) {
            for (int l = 0; l < layers; l++) {
                double norm = gradLayer[l].norm2Number().doubleValue();
                if (norm > clip) {
                    gradLayer[l].muli(clip / norm);
                }
            }
        }
        int iteration = net.getIterationCount();
        adam.applyUpdater(gradient, iteration, 0);
        net.params().subi(gradient);
        net.setIterationCount(iteration + 1);
    }

    private void allocate(int rows) {
        this.rows = rows;
        input = Nd4j.create(DataType.FLOAT, rows, sizes[0]);
        act = new INDArray[layers + 1];
        act[0] = input;
        for (int l = 1; l <= layers; l++) {
            act[l] = Nd4j.create(DataType.FLOAT, rows, sizes[l]);
        }
        keptRows = -1;
    }

    private void keep(int keep) {
        if (keep < 0 || keep > rows) {
            throw new IllegalArgumentException("keep " + keep + " of " + rows + " rows");
        }
        keptRows = keep;
        if (keep == 0) {
            return;
        }
        keptAct = new INDArray[layers];
        delta = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            keptAct[l] = keep == rows ? act[l] : act[l].get(NDArrayIndex.interval(0, keep), NDArrayIndex.all());
            delta[l] = Nd4j.create(DataType.FLOAT, keep, sizes[l + 1]);
        }
    }
}
