/**
 * The encoder-decoder transformer on DJL NDArrays: one implementation for MarianMT and BART, whose
 * differences are named flags ({@link dev.kabar.nn.ArchitectureFlags}).
 *
 * <p>Layers mirror the checkpoint's key tree and take their tensors from a {@link
 * dev.kabar.nn.WeightStore}. The decoder's key/value cache is an explicit value ({@link
 * dev.kabar.nn.DecoderState}) passed through each step; nothing in a layer is mutable. This package
 * knows nothing of search: it turns token ids into logits.
 *
 * <p>Dense layers multiply in float32, or with bfloat16 weights through {@link
 * dev.kabar.nn.BFloat16Products} when the store carries them.
 */
package dev.kabar.nn;
