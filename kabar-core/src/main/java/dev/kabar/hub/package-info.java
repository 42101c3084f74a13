/**
 * Model ids to local checkpoint folders: download from the Hugging Face hub, cache, verify, offline.
 *
 * <p>The cache is the one Python's {@code huggingface_hub} writes ({@code models--org--name/blobs},
 * {@code snapshots/<commit>}, {@code refs/<revision>} under {@code $HF_HOME/hub}), so checkpoints
 * downloaded by other tools are reused and the other way round. {@link dev.kabar.hub.ModelResolver}
 * turns a {@code --model} argument into a folder; {@link dev.kabar.hub.ModelHub} holds the use cases
 * (pull, resolve, list, verify); every failure is a {@link dev.kabar.hub.HubException} whose
 * {@link dev.kabar.hub.HubException.Reason} tells a caller what went wrong and whose message names the
 * model, revision, file, URL and what to do.
 */
package dev.kabar.hub;
