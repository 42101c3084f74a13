/**
 * The encoder-decoder transformer on DJL NDArrays: one implementation for MarianMT and BART, whose
 * differences are named flags ({@link dev.kabar.nn.ArchitectureFlags}).
 *
 * <p>Layers mirror the checkpoint's key tree and take their tensors from a {@link
 * dev.kabar.nn.WeightStore}. The decoder's key/value cache is an explicit value ({@link
 * dev.kabar.nn.DecoderState}) passed through each step; nothing in a layer is mutable. This package
 * knows nothing of search: it turns token ids into logits.
 *
 * <p>Dense layers multiply through {@link dev.kabar.nn.PackedProducts} when the store carries
 * them (oneDNN with packed float32 weights, or bfloat16 weights), else with PyTorch's plain float32
 * products.
 */
package dev.kabar.nn;
