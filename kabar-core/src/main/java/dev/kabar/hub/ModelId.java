package dev.kabar.hub;

import java.util.regex.Pattern;

/**
 * A model repository on the hub and the revision wanted of it, written {@code org/name[@revision]}.
 *
 * @param repoId the repository, {@code org/name}
 * @param revision a branch, a tag or a 40-hex commit; {@value #DEFAULT_REVISION} when none is given
 */
public record ModelId(String repoId, String revision) {

    /** The branch the hub serves when no revision is named. */
    public static final String DEFAULT_REVISION = "main";

    // huggingface_hub's validate_repo_id, narrowed to the org/name form: word characters, '-' and
    // '.', no '--' or '..' (they would make the cache folder name ambiguous), at most 96 characters.
    private static final Pattern REPO_ID = Pattern.compile("[\\w.-]+/[\\w.-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    // A revision names a file under refs/ (refs/pr/1 is a real one), so it must stay inside that folder.
    private static final Pattern REVISION = Pattern.compile("[\\w.-]+(/[\\w.-]+)*");

    /** Checks both parts; see {@link #parse}. */
    public ModelId {
        if (repoId == null || !REPO_ID.matcher(repoId).matches() || repoId.contains("--") || repoId.contains("..")
                || repoId.length() > 96 || repoId.startsWith("-") || repoId.startsWith(".")
                || repoId.endsWith("-") || repoId.endsWith(".")) {
            throw new InvalidModelIdException("Model id '" + repoId + "' is not a hub id: write it as org/name "
                    + "(letters, digits, '-', '_', '.'; no '--' or '..'), for example Helsinki-NLP/opus-mt-id-en.");
        }
        if (revision == null) {
            revision = DEFAULT_REVISION;
        }
        if (!REVISION.matcher(revision).matches() || revision.contains("..") || revision.length() > 255) {
            throw new InvalidModelIdException("Revision '" + revision + "' of model " + repoId
                    + " is not valid: use a branch, a tag or a 40-character commit hash, for example main.");
        }
    }

    /**
     * Parses {@code org/name} or {@code org/name@revision}.
     *
     * @throws InvalidModelIdException naming the text when it is not of that form
     */
    public static ModelId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidModelIdException("A model id is required, for example Helsinki-NLP/opus-mt-id-en.");
        }
        int at = text.indexOf('@');
        return at < 0 ? new ModelId(text, null) : new ModelId(text.substring(0, at), text.substring(at + 1));
    }

    /** True when {@code text} has the {@code org/name[@revision]} form of a hub id (it may still be invalid). */
    public static boolean looksLikeId(String text) {
        String repo = text.contains("@") ? text.substring(0, text.indexOf('@')) : text;
        return REPO_ID.matcher(repo).matches();
    }

    /** True when {@code revision} is a full commit hash, which never moves. */
    public static boolean isCommitHash(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** This model at another revision. */
    public ModelId withRevision(String otherRevision) {
        return new ModelId(repoId, otherRevision);
    }

    /** True when the revision is a commit hash, so the cache alone can answer for it. */
    public boolean pinnedToCommit() {
        return isCommitHash(revision);
    }

    /** The cache folder name, {@code models--org--name}, as {@code huggingface_hub.repo_folder_name} writes it. */
    public String cacheFolderName() {
        return "models--" + repoId.replace("/", "--");
    }

    /** Returns {@code org/name@revision}. */
    @Override
    public String toString() {
        return repoId + "@" + revision;
    }
}
