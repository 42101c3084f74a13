package dev.kabar.hub;

/**
 * A model that cannot be brought into the cache or found in it. The message names the model, the
 * revision, the file and the URL where they apply, and says what to do; {@link #reason()} lets a
 * caller tell a retryable network failure from a model that does not exist or a corrupt file.
 */
public class HubException extends RuntimeException {

    /** What went wrong. */
    public enum Reason {
        /** Offline mode is on and the cache lacks the model, revision or a file. */
        OFFLINE_NOT_CACHED,
        /** The hub has no such repository (or hides it: private or gated without a token). */
        REPOSITORY_NOT_FOUND,
        /** The repository has no such branch, tag or commit. */
        REVISION_NOT_FOUND,
        /** The revision has no such file. */
        FILE_NOT_FOUND,
        /** The hub wants a token and none was given. */
        AUTHENTICATION_REQUIRED,
        /** The token was refused, or the model is gated and access was not granted. */
        ACCESS_DENIED,
        /** The hub could not be reached or the connection broke; trying again may help. */
        NETWORK,
        /** The hub answered with a server error or asked us to slow down; trying again may help. */
        SERVER_ERROR,
        /** The hub's answer was not what its API promises (bad JSON, missing commit header). */
        BAD_RESPONSE,
        /** A downloaded file does not match the size or hash the hub published for it. */
        CORRUPT_DOWNLOAD,
        /** The revision has no weights or config the engine can read. */
        NOT_A_CHECKPOINT,
        /** The cache folder cannot be read or written. */
        CACHE_IO;

        /** True when the same request may succeed later without anyone changing anything. */
        public boolean transientFailure() {
            return this == NETWORK || this == SERVER_ERROR;
        }
    }

    private final Reason reason;

    /** Creates an exception with its reason and a message that names what failed and what to do. */
    public HubException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Creates an exception with its reason, message and underlying cause. */
    public HubException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }
}
