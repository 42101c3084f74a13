package dev.kabar.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk with a limit on silence. {@code java.net.http} has no read
 * timeout for a body, and the InputStream it offers ignores interrupts, so a connection that goes
 * quiet would block a nightly run forever; polling the chunks with a timeout breaks it off instead,
 * and the download resumes on a new connection. Used by one reading thread.
 */
final class SilenceLimitedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Duration silenceLimit;
    private volatile Flow.Subscription subscription;
    private boolean ended;

    SilenceLimitedBody(Duration silenceLimit) {
        this.silenceLimit = silenceLimit;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        chunks.add(failure);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    /**
     * The next buffers of the body, or null at its end.
     *
     * @throws IOException when the connection failed, or nothing arrived within the silence limit
     */
    List<ByteBuffer> next() throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = chunks.poll(silenceLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while downloading", e);
        }
        if (item == null) {
            close();
            throw new IOException("no data for " + silenceLimit.toMillis() / 1000.0 + " s");
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
        subscription.request(1);
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) item;
        return buffers;
    }

    /** Stops the transfer if it has not ended, releasing the connection. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
