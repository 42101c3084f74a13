/**
 * Reading what the hub publishes: the weights of a checkpoint folder ({@code model.safetensors},
 * its sharded form, and {@code pytorch_model.bin} decoded without running code), exposed as named
 * little-endian views of memory-mapped files through {@link dev.kabar.checkpoint.TensorSource};
 * config records are added by the lead.
 *
 * <p>{@link dev.kabar.checkpoint.WeightFiles} picks the file; every failure is a
 * {@link dev.kabar.checkpoint.CheckpointException} naming the file, the tensor and what to do.
 */
package dev.kabar.checkpoint;
