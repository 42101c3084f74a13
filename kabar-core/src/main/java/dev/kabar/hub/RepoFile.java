package dev.kabar.hub;

/**
 * One file of a revision as the hub's API lists it ({@code siblings[]} with {@code ?blobs=true}).
 *
 * @param path the file's path in the repository ({@code rfilename})
 * @param size its size in bytes, or -1 when the hub did not say
 * @param sha256 the LFS object's sha256 for LFS files, else null
 * @param blobId the git blob id (sha1) of the file, or null when the hub did not say
 */
record RepoFile(String path, long size, String sha256, String blobId) {

    /**
     * The name of the file's blob in the cache, null when unknown. The hub's ETag is the LFS sha256
     * for LFS files and the git blob id for others, and huggingface_hub names blobs by that ETag, so
     * this is the same name Python gives the blob.
     */
    String etag() {
        return sha256 != null ? sha256 : blobId;
    }
}
