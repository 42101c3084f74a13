package dev.kabar.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file that appears whole or not at all: bytes go to a hidden temporary file in the target's
 * folder, and {@link #commit()} forces them to disk and renames the temporary file over the target
 * in one atomic step (POSIX {@code rename}). Until then the old target, if any, is untouched, and
 * {@link #close()} without a commit deletes the temporary file, as does a shutdown hook when the JVM
 * is interrupted (Ctrl-C); only a killed JVM can leave a hidden {@code .name.<pid>-*.tmp} behind,
 * never a half-written target, and the next write to that folder deletes it. Not thread-safe.
 */
public final class AtomicFile implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Thread cleanup;
    private boolean done;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        // Channels.newOutputStream writes straight to the channel; callers add their own buffering.
        this.stream = Channels.newOutputStream(channel);
        this.cleanup = new Thread(this::deleteTemp, "kabar-delete-" + temp.getFileName());
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Starts writing {@code target}.
     *
     * <p>A missing folder is created, as nightly runs write into dated folders.
     *
     * @throws IOException naming the target when its folder cannot be created or is not writable
     */
    public static AtomicFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write '" + target + "': it is a folder; give a file name");
        }
        if (folder == null) {
            throw new IOException("cannot write '" + target + "': it has no folder");
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new IOException("cannot write '" + target + "': its folder " + folder + " cannot be created (" + e.getMessage() + ")", e);
            }
        }
        removeStaleTemporaries(folder);
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            // Same folder, so the rename cannot cross file systems; hidden, so folder readers skip it.
            // Not Files.createTempFile: that makes the file owner-only, and so would the output be.
            // The pid in the name tells a later process whether the writer is still alive.
            Path temp = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                keepPermissions(absolute, temp);
                return new AtomicFile(target, temp, channel);
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                throw new IOException("cannot write '" + target + "': " + e.getMessage(), e);
            }
        }
        throw new IOException("cannot write '" + target + "': no free temporary name in its folder", last);
    }

    /** kabar's temporary names: {@code .name.<pid>-<random>.tmp}, and before pids were in them {@code .name.<random>.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(?:(\\d+)-)?[0-9a-z]+\\.tmp");

    /**
     * Deletes the temporary files a killed kabar left in {@code folder}: those of kabar's naming
     * pattern that were last written before this process started and whose writer (the pid in the
     * name, on this host) is no longer alive. Quietly: a file that cannot be deleted is left.
     */
    static void removeStaleTemporaries(Path folder) {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path file : files) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean writerAlive = m.group(1) != null
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
                if (!writerAlive && Files.getLastModifiedTime(file).toInstant().isBefore(started)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy; writing the new file must not fail for it.
        }
    }

    /** A file replaced by a run keeps who may read it; a new one gets the process's defaults (umask). */
    private static void keepPermissions(Path target, Path temp) {
        try {
            if (Files.exists(target)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or not ours to change: the defaults stand.
        }
    }

    /** The stream to write to; closing it does not commit. */
    public OutputStream stream() {
        return stream;
    }

    /** The file that {@link #commit()} writes. */
    public Path target() {
        return target;
    }

    /**
     * Forces the bytes to disk and renames the temporary file over the target.
     *
     * @throws IOException naming the target; the temporary file is then deleted and the old target kept
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("'" + target + "' was already committed or abandoned");
        }
        try {
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of '" + target + "' cannot rename atomically", e);
            }
            done = true;
            forceFolder();
        } catch (IOException e) {
            close();
            throw new IOException("cannot write '" + target + "': " + e.getMessage(), e);
        } finally {
            removeHook();
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, which is then skipped. */
    private void forceFolder() {
        Path folder = target.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }

    /** Abandons the file unless it was committed: the temporary file is deleted, the target untouched. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            deleteTemp();
            removeHook();
        }
    }

    private void deleteTemp() {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Nothing more can be done; the name is hidden and says .tmp.
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run.
        }
    }
}
