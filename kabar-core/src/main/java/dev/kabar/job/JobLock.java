package dev.kabar.job;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that keeps two runs of one job apart: an OS file lock on {@code <job>.lock} next to the
 * state database, holding who took it (pid, host, start time) as text.
 *
 * <p>A file lock rather than a lock row in the database: the operating system releases it when
 * the process dies, however it dies, so a run killed with SIGKILL never leaves a stale lock that
 * someone has to clear by hand. (A lock row would need a liveness check on a pid, which cannot be
 * done across hosts.) The holder text is only for the message; the lock itself is the OS's.
 */
public final class JobLock implements AutoCloseable {

    // Locks this JVM holds, by lock file. Checked before opening the file: on Linux, closing any channel
    // on a file drops every POSIX lock the process holds on it, so a second open-and-close here would
    // silently release the first run's lock.
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private JobLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a job whose state lives in {@code database}. */
    public static Path lockFile(Path database, String job) {
        Path folder = database.toAbsolutePath().getParent();
        return folder.resolve(job + ".lock");
    }

    /**
     * Takes the job's lock, or fails at once naming the holder.
     *
     * @throws JobLockedException when another run (in this or another process) holds it
     * @throws JobFailedException when the lock file cannot be created
     */
    public static JobLock acquire(Path database, String job, Instant startedAt) throws JobLockedException,
            JobFailedException {
        Path file = lockFile(database, job);
        String holder = "pid " + ProcessHandle.current().pid() + " on " + host() + ", started " + startedAt;
        String heldHere = HELD.putIfAbsent(file, holder);
        if (heldHere != null) {
            throw new JobLockedException("job '" + job + "' is already running (held by " + heldHere + "; lock file "
                    + file + "); this run did not start.");
        }
        FileChannel channel = null;
        boolean locked = false;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // cannot happen past HELD, but a lock is never assumed
            }
            if (lock == null) {
                String other = readHolder(channel);
                channel.close();
                throw new JobLockedException("job '" + job + "' is already running (" + other + "; lock file " + file
                        + "); this run did not start.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            locked = true;
            return new JobLock(file, channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // The failure below says what matters.
            }
            throw new JobFailedException("cannot take the lock of job '" + job + "' (" + file + "): " + e.getMessage(),
                    e, null);
        } finally {
            if (!locked) {
                HELD.remove(file);
            }
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : "held by " + text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    /** This machine's name, for the holder text. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** Releases the lock; the file stays, so its name never races with a new run creating it. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel or ending the process releases the lock anyway.
        } finally {
            HELD.remove(file);
        }
    }
}
