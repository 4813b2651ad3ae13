package io.autoops.policies.drl;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A multi-layer perceptron on DL4J mapping a batch of observations to one value per action (Q-values,
 * action logits or a state value), with plain float-array input and output so that callers never touch
 * ND4J. Two kinds: {@link #create} ends in an MSE output layer and learns by {@link #fit} (DQN);
 * {@link #createHead} ends in a linear dense layer and learns from a gradient the caller computes
 * with respect to its outputs, by {@link #backward} (policy-gradient losses that DL4J has no layer for).
 * Serialises as its DL4J JSON configuration plus raw little-endian float parameters: nothing is
 * Java-deserialised. Not thread-safe.
 */
public final class Mlp {

    private final MultiLayerNetwork net;
    private final int nIn;
    private final int nOut;
    private final MlpMirror mirror;
    private boolean mirrorStale = true;
    private FusedStep fused;
    private float[] mirrorParams = new float[0];

    private Mlp(MultiLayerNetwork net, int nIn, int nOut) {
        this.net = net;
        this.nIn = nIn;
        this.nOut = nOut;
        int layers = net.getnLayers();
        int[] sizes = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            var layer = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
            sizes[l] = (int) layer.getNIn();
            sizes[l + 1] = (int) layer.getNOut();
        }
        this.mirror = new MlpMirror(sizes);
    }

    /**
     * Values for a few rows computed in plain Java on a copy of the weights (refreshed after each
     * change): what acting and deciding use. Returns a reused buffer of rows x outputs.
     */
    public float[] predictSmall(float[] x, int rows) {
        if (mirrorStale) {
            INDArray params = net.params();
            int n = (int) params.length();
            if (mirrorParams.length != n) {
                mirrorParams = new float[n];
            }
            // one bulk copy into a reused array: this runs after every gradient step (the flat parameters start
            // their buffer, as DL4J allocates them)
            if (params.offset() != 0) {
                throw new IllegalStateException("DL4J's flat parameters start at offset " + params.offset());
            }
            ((org.bytedeco.javacpp.FloatPointer) params.data().pointer()).get(mirrorParams, 0, n);
            mirror.load(mirrorParams);
            mirrorStale = false;
        }
        return mirror.forward(x, rows);
    }

    /**
     * A fresh network: {@code hidden} ReLU layers, a linear output, MSE loss (fed with clipped TD
     * targets, which gives the Huber gradient), Adam.
     */
    public static Mlp create(int nIn, int nOut, int[] hidden, double learningRate, double gradientClip, long seed) {
        return build(nIn, nOut, hidden, learningRate, gradientClip, seed,
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY));
    }

    /**
     * A fresh network whose last layer is linear without a loss ({@code hidden} ReLU layers, Adam): it
     * learns by {@link #backward}. Its outputs rank actions like Q-values do, so {@link GreedyPolicy} and
     * the bundles work with it unchanged.
     */
    public static Mlp createHead(int nIn, int nOut, int[] hidden, double learningRate, double gradientClip, long seed) {
        return build(nIn, nOut, hidden, learningRate, gradientClip, seed,
                new DenseLayer.Builder().activation(Activation.IDENTITY));
    }

    private static Mlp build(int nIn, int nOut, int[] hidden, double learningRate, double gradientClip, long seed,
                             org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<?> last) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .gradientNormalization(org.deeplearning4j.nn.conf.GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(gradientClip)
                .list();
        int prev = nIn;
        for (int h : hidden) {
            b.layer(new DenseLayer.Builder().nIn(prev).nOut(h).activation(Activation.RELU).build());
            prev = h;
        }
        b.layer(last.nIn(prev).nOut(nOut).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return new Mlp(net, nIn, nOut);
    }

    /**
     * Forward pass in training mode for {@code rows} observations, keeping the activations for a
     * following {@link #backward}; returns rows x outputs.
     */
    public float[] forwardForTraining(float[] x, int rows) {
        INDArray in = Nd4j.create(x, new long[] {rows, nIn}, DataType.FLOAT);
        net.setInput(in);
        java.util.List<INDArray> acts = net.feedForward(true, false);   // keep each layer's input for backward
        return acts.get(acts.size() - 1).dup('c').data().asFloat();
    }

    /**
     * One Adam step down the gradient {@code dOutputs} (rows x outputs: d loss / d output of each row's
     * own loss; DL4J's updater divides by the number of rows, as it does for {@link #fit}) of the batch
     * last passed to {@link #forwardForTraining}.
     */
    public void backward(float[] dOutputs, int rows) {
        INDArray eps = Nd4j.create(dOutputs, new long[] {rows, nOut}, DataType.FLOAT);
        org.deeplearning4j.nn.gradient.Gradient g = net.backpropGradient(eps,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getFirst();
        int iteration = net.getIterationCount();
        net.getUpdater().update(net, g, iteration, 0, rows, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(g.gradient());
        net.setIterationCount(iteration + 1);
        changedByDl4j();
    }

    /**
     * Forward pass of {@code rows} observations on the training path (see {@link FusedStep}), keeping the
     * activations of the first {@code keep} rows for a following {@link #descend}. Returns a reused buffer
     * whose first rows x outputs values are the outputs: copy what you keep. The same values as
     * {@link #predict}, up to rounding.
     */
    public float[] forwardKeeping(float[] x, int rows, int keep) {
        return forwardKeeping(x, 0, rows, keep);
    }

    /** {@link #forwardKeeping(float[], int, int)} of the rows of {@code x} from row {@code firstRow} on. */
    public float[] forwardKeeping(float[] x, int firstRow, int rows, int keep) {
        return fused().forward(x, firstRow * nIn, rows, keep);
    }

    /**
     * One Adam step down {@code dOutputs} (kept rows x outputs: d loss / d output of each row's own loss,
     * averaged over the rows as DL4J does) for the rows kept by the last {@link #forwardKeeping}. Computes
     * what {@link #fit} computes for an MSE network, or {@link #backward} for a head, with gradient
     * clipping and DL4J's Adam, without an ND4J operation (see {@link FusedStep}).
     */
    public void descend(float[] dOutputs) {
        fused().descend(dOutputs);
        mirrorStale = true;
    }

    /**
     * {@link #descend} for a gradient that is zero but at one output per kept row: {@code dValue[k]} at output
     * {@code index[k]} of row {@code k} (Q-learning's loss, on the value of the action taken). Computes the
     * same step as {@link #descend} with that dense gradient, with less work in the output layer.
     */
    public void descendAt(int[] index, float[] dValue) {
        fused().descendAt(index, dValue);
        mirrorStale = true;
    }

    /** After DL4J wrote the parameters or the optimiser state: refresh what views or copies them. */
    private void changedByDl4j() {
        mirrorStale = true;
        if (fused != null) {
            fused.bind();
        }
    }

    private FusedStep fused() {
        if (fused == null) {
            fused = new FusedStep(this);
        }
        return fused;
    }

    MultiLayerNetwork dl4j() {
        return net;
    }

    /** Optimiser steps taken (Adam's bias correction depends on it; checkpoints keep it). */
    public int iterations() {
        return net.getIterationCount();
    }

    public void setIterations(int iterations) {
        net.setIterationCount(iterations);
    }

    public int inputs() {
        return nIn;
    }

    public int outputs() {
        return nOut;
    }

    /** Values for {@code rows} observations laid out row after row in {@code x}; returns rows x outputs. */
    public float[] predict(float[] x, int rows) {
        INDArray in = Nd4j.create(x, new long[] {rows, nIn}, DataType.FLOAT);
        INDArray out = net.output(in, false);
        return out.dup('c').data().asFloat();
    }

    /** One gradient step towards {@code targets} (rows x outputs). */
    public void fit(float[] x, float[] targets, int rows) {
        INDArray in = Nd4j.create(x, new long[] {rows, nIn}, DataType.FLOAT);
        INDArray out = Nd4j.create(targets, new long[] {rows, nOut}, DataType.FLOAT);
        net.fit(in, out);
        changedByDl4j();
    }

    /** The loss of the last fit (NaN means divergence). */
    public double lastScore() {
        return net.score();
    }

    public float[] parameters() {
        return net.params().toFloatVector();
    }

    public void setParameters(float[] params) {
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.FLOAT));
        changedByDl4j();
    }

    /** Optimiser state (Adam moments), for checkpoints. */
    public float[] updaterState() {
        INDArray s = net.getUpdater().getStateViewArray();
        return s == null ? new float[0] : s.toFloatVector();
    }

    public void setUpdaterState(float[] state) {
        INDArray s = net.getUpdater().getStateViewArray();
        if (s != null && state.length == s.length()) {
            s.assign(Nd4j.create(state, new long[] {1, state.length}, DataType.FLOAT));
        }
        changedByDl4j();
    }

    public void copyFrom(Mlp other) {
        net.setParams(other.net.params().dup());
        changedByDl4j();
    }

    /** Configuration JSON. */
    public String configJson() {
        return net.getLayerWiseConfigurations().toJson();
    }

    /** Rebuilds a network from {@link #configJson()} and {@link #parameters()}. */
    public static Mlp restore(String configJson, float[] params) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configJson);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        long expected = net.numParams();
        if (expected != params.length) {
            throw new IllegalArgumentException("network expects " + expected + " parameters, got " + params.length);
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.FLOAT));
        int nIn = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf.getConf(0).getLayer()).getNIn();
        int nOut = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf.getConf(conf.getConfs().size() - 1)
                .getLayer()).getNOut();
        return new Mlp(net, nIn, nOut);
    }

    /** Little-endian bytes of a float array (the bundle's parameter format). */
    public static byte[] floatsToBytes(float[] f) {
        ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(f);
        return b.array();
    }

    /** Inverse of {@link #floatsToBytes(float[])}. */
    public static float[] bytesToFloats(byte[] bytes) {
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException("parameter file length " + bytes.length + " is not a multiple of 4");
        }
        float[] f = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }
}
