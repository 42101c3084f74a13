package dev.kabar.hub;

/**
 * The result of re-checking one file of a cached snapshot.
 *
 * @param snapshot the snapshot the file belongs to
 * @param file the file's path in the snapshot
 * @param status what the check found
 * @param detail a sentence for a person: the hashes compared, or what is missing and what to do
 */
public record FileCheck(CachedSnapshot snapshot, String file, Status status, String detail) {

    /** What a check found. */
    public enum Status {
        /** The content hashes to the name of its blob. */
        OK,
        /** The content does not hash to the name of its blob. */
        CORRUPT,
        /** The snapshot links to a blob that is not there. */
        MISSING_BLOB,
        /** A file the engine needs is not in the snapshot. */
        INCOMPLETE,
        /** The file is a plain copy or its blob name is not a hash, so there is nothing to compare with. */
        UNCHECKED;

        /** True when the file is not usable as it is. */
        public boolean bad() {
            return this == CORRUPT || this == MISSING_BLOB || this == INCOMPLETE;
        }
    }
}
