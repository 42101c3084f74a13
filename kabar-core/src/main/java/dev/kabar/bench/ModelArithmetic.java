package dev.kabar.bench;

import dev.kabar.checkpoint.ModelConfig;

/**
 * Counts the floating-point operations an encoder-decoder needs for one sentence (multiply and add
 * counted separately), without padding: what any engine must compute for the same output.
 */
public final class ModelArithmetic {

    private ModelArithmetic() {
    }

    /**
     * Returns the FLOPs to translate one sentence.
     *
     * @param srcLen source tokens
     * @param steps decoder steps (generated tokens including the final EOS)
     * @param rows decoding rows per sentence (the beam count)
     */
    public static double flops(ModelConfig c, int srcLen, int steps, int rows) {
        double d = c.dModel();
        double s = srcLen;
        double encoder = c.encoderLayers() * s * (8 * d * d + 4 * d * c.encoderFfnDim() + 4 * s * d);
        double crossKv = c.decoderLayers() * s * 4 * d * d;
        double decoder = 0;
        for (int t = 1; t <= steps; t++) {
            double perLayer = 8 * d * d + 4 * t * d + 4 * d * d + 4 * s * d + 4 * d * c.decoderFfnDim();
            decoder += c.decoderLayers() * perLayer + 2 * d * c.vocabSize();
        }
        return encoder + crossKv + rows * decoder;
    }
}
