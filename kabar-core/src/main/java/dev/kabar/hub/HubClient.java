package dev.kabar.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's HTTP API: revision listings and file downloads, with the conventions of
 * {@code huggingface_hub} (endpoint, bearer token, {@code X-Repo-Commit}, {@code X-Linked-Etag},
 * {@code X-Error-Code}, ranged resumes). Thread-safe.
 */
final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT = "kabar/0.1.0; java/" + System.getProperty("java.version");

    private final HubSettings settings;
    private final HttpClient http;
    private final Duration retryPause;
    private final int maxAttempts;
    private final Duration stallTimeout;

    /**
     * @param retryPause the pause before the first retry, growing linearly after it
     * @param maxAttempts attempts in a row without progress before giving up
     * @param stallTimeout how long a download may receive nothing before the connection is dropped
     *     and the download resumed on a new one
     */
    HubClient(HubSettings settings, Duration retryPause, int maxAttempts, Duration stallTimeout) {
        this.settings = settings;
        this.retryPause = retryPause;
        this.maxAttempts = maxAttempts;
        this.stallTimeout = stallTimeout;
        // Redirects are followed by hand: the token must not travel to the CDN host the hub redirects
        // LFS files to, and the hub's own headers are on the redirect, not on the CDN's answer.
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The URL of a revision's listing, with LFS hashes and sizes ({@code ?blobs=true}). */
    URI revisionUrl(ModelId id) {
        return URI.create(settings.endpoint() + "/api/models/" + id.repoId() + "/revision/"
                + encodeSegment(id.revision()) + "?blobs=true");
    }

    /** The URL of one file at a revision, as {@code huggingface_hub.hf_hub_url} builds it. */
    URI fileUrl(String repoId, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String part : file.split("/")) {
            path.append(path.length() == 0 ? "" : "/").append(encodeSegment(part));
        }
        return URI.create(settings.endpoint() + "/" + repoId + "/resolve/" + encodeSegment(revision) + "/" + path);
    }

    /**
     * Asks the hub which commit a revision is at and which files it has.
     *
     * @throws HubException naming the model, revision and URL when the hub says no or cannot be reached
     */
    RevisionInfo revisionInfo(ModelId id) {
        URI url = revisionUrl(id);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> response = send(url, "GET", null, id, null,
                        HttpResponse.BodyHandlers.ofInputStream(), HubClient::discard);
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw httpFailure(response, id, null, url);
                    }
                    return parseRevision(JSON.readTree(body), id, url);
                }
            } catch (HubException e) {
                if (!e.reason().transientFailure() || attempt >= maxAttempts) {
                    throw e;
                }
            } catch (IOException e) {
                // No connection at all (refused, unknown host, connect timeout): one retry, then say so
                // within seconds rather than after the pauses meant for a flaky transfer.
                if (attempt >= (unreachable(e) ? UNREACHABLE_ATTEMPTS : maxAttempts)) {
                    throw network(id, null, url, e);
                }
            }
            pause(attempt);
        }
    }

    /** Attempts at asking for a revision when the hub cannot be connected to at all. */
    private static final int UNREACHABLE_ATTEMPTS = 2;

    private static boolean unreachable(IOException e) {
        return e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
                || e instanceof java.net.http.HttpConnectTimeoutException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException;
    }

    /**
     * Asks for one file's metadata with a HEAD request, following only the hub's own redirects, as
     * {@code huggingface_hub.get_hf_file_metadata} does; used when the listing lacks blob ids.
     *
     * @return the normalised ETag and the size (-1 when unknown)
     */
    FileMetadata head(ModelId id, String commit, String file) {
        URI url = fileUrl(id.repoId(), commit, file);
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response;
            try {
                response = sendOnce(current, "HEAD", null, HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
            } catch (IOException e) {
                throw network(id, file, url, e);
            }
            int status = response.statusCode();
            HttpHeaders h = response.headers();
            Optional<String> location = h.firstValue("Location");
            URI here = current;
            boolean sameHost = location.map(l -> sameHost(here.resolve(l))).orElse(false);
            if (isRedirect(status) && location.isPresent() && sameHost && h.firstValue("X-Linked-Etag").isEmpty()) {
                current = current.resolve(location.get()); // a renamed repository: follow it
                continue;
            }
            if (status != 200 && !isRedirect(status)) {
                throw httpFailure(response, id, file, url);
            }
            String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubClient::normaliseEtag)
                    .orElseThrow(() -> new HubException(HubException.Reason.BAD_RESPONSE, "The hub sent no ETag for "
                            + file + " of model " + id + " (" + url + "), so it cannot be cached; check HF_ENDPOINT ("
                            + settings.endpoint() + ") points at a Hugging Face hub or a faithful mirror."));
            long size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length"))
                    .map(Long::parseLong).orElse(-1L);
            return new FileMetadata(etag, size);
        }
        throw new HubException(HubException.Reason.BAD_RESPONSE, "Too many redirects for " + url + ".");
    }

    /** A file's ETag, which names its blob, and its size (-1 when unknown). */
    record FileMetadata(String etag, long size) {
    }

    /**
     * Downloads a file into {@code part}, continuing from the bytes already there with a
     * {@code Range} request, and retrying a broken connection from where it broke. Returns when
     * {@code part} holds as many bytes as the server announced; the caller verifies them.
     *
     * @param expectedSize the size the listing gave, or -1
     * @param progress told the byte count after each chunk
     */
    void download(ModelId id, String file, URI url, Path part, long expectedSize, Consumer<Long> progress) {
        int failuresInARow = 0;
        Exception lastFailure = null;
        while (true) {
            long have = sizeOf(part);
            if (expectedSize >= 0 && have > expectedSize) {
                delete(part); // longer than the file: not a prefix of it, start again
                have = 0;
            }
            if (expectedSize > 0 && have == expectedSize) {
                return; // finished by an earlier run that stopped before verifying
            }
            long before = have;
            try {
                if (fetchOnce(id, file, url, part, have, progress)) {
                    return;
                }
            } catch (IOException e) {
                lastFailure = e;
            } catch (HubException e) {
                if (!e.reason().transientFailure()) {
                    throw e;
                }
                lastFailure = e;
            }
            failuresInARow = sizeOf(part) > before ? 1 : failuresInARow + 1;
            if (failuresInARow >= maxAttempts) {
                throw new HubException(HubException.Reason.NETWORK, "Downloading " + file + " of model " + id + " from "
                        + url + " failed " + failuresInARow + " times in a row" + (lastFailure == null ? "" : " (" + lastFailure + ")")
                        + "; " + sizeOf(part) + " bytes are kept in " + part + ", so running `kabar models pull "
                        + id.repoId() + " --revision " + id.revision() + "` again resumes from there.", lastFailure);
            }
            pause(failuresInARow);
        }
    }

    /** One GET; true when the file is complete, false when it should be retried. */
    private boolean fetchOnce(ModelId id, String file, URI url, Path part, long have, Consumer<Long> progress)
            throws IOException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(url, "GET", have > 0 ? "bytes=" + have + "-" : null,
                id, file, HttpResponse.BodyHandlers.ofPublisher(), HubClient::discard);
        try (SilenceLimitedBody body = new SilenceLimitedBody(stallTimeout)) {
            response.body().subscribe(body);
            int status = response.statusCode();
            boolean append;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                append = m.matches() && Long.parseLong(m.group(1)) == have;
                if (!append) {
                    delete(part); // the server answered another range than asked; restart cleanly
                    return false;
                }
            } else if (status == 200) {
                append = false; // the server ignored the Range header and sends the whole file
            } else if (status == 416) {
                delete(part); // what we hold is not a prefix the server recognises
                return false;
            } else {
                throw httpFailure(response, id, file, url);
            }
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long received = 0;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                long done = append ? have : 0;
                List<ByteBuffer> buffers;
                while ((buffers = body.next()) != null) {
                    for (ByteBuffer buffer : buffers) {
                        int n = buffer.remaining();
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        received += n;
                        done += n;
                    }
                    progress.accept(done);
                }
            }
            // A connection closed early without an error still leaves fewer bytes than announced.
            return expected < 0 || received == expected;
        }
    }

    /** Sends a request, following redirects; the token goes only to the endpoint's host. */
    private <T> HttpResponse<T> send(URI url, String method, String range, ModelId id, String file,
            HttpResponse.BodyHandler<T> handler, Consumer<T> discard) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<T> response = sendOnce(current, method, range, handler);
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            discard.accept(response.body());
            current = current.resolve(location.get());
        }
        throw new HubException(HubException.Reason.BAD_RESPONSE, "More than " + MAX_REDIRECTS + " redirects for "
                + url + " (model " + id + (file == null ? "" : ", file " + file) + "); check HF_ENDPOINT.");
    }

    private <T> HttpResponse<T> sendOnce(URI url, String method, String range, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", USER_AGENT)
                // Content-Length must be the file's length, not that of a compressed body.
                .header("Accept-Encoding", "identity");
        if (range != null) {
            request.header("Range", range);
        }
        if (settings.token().isPresent() && sameHost(url)) {
            request.header("Authorization", "Bearer " + settings.token().get());
        }
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // a redirect's body is not needed
        }
    }

    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    private boolean sameHost(URI url) {
        URI e = settings.endpoint();
        return e.getHost().equalsIgnoreCase(url.getHost()) && e.getScheme().equalsIgnoreCase(url.getScheme())
                && e.getPort() == url.getPort();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private RevisionInfo parseRevision(JsonNode json, ModelId id, URI url) {
        String commit = json.path("sha").asText("");
        if (!ModelId.isCommitHash(commit)) {
            throw new HubException(HubException.Reason.BAD_RESPONSE, "The hub's answer for model " + id + " (" + url
                    + ") has no 40-hex commit in 'sha'; check that HF_ENDPOINT (" + settings.endpoint()
                    + ") is a Hugging Face hub.");
        }
        List<RepoFile> files = new ArrayList<>();
        for (JsonNode s : json.path("siblings")) {
            String name = s.path("rfilename").asText("");
            if (name.isEmpty()) {
                continue;
            }
            JsonNode lfs = s.path("lfs");
            String sha256 = lfs.hasNonNull("sha256") ? lfs.get("sha256").asText().toLowerCase(Locale.ROOT) : null;
            long size = lfs.hasNonNull("size") ? lfs.get("size").asLong() : s.path("size").asLong(-1);
            String blobId = s.hasNonNull("blobId") ? s.get("blobId").asText().toLowerCase(Locale.ROOT) : null;
            files.add(new RepoFile(name, size, sha256, blobId));
        }
        return new RevisionInfo(commit, List.copyOf(files));
    }

    /** Maps an HTTP error to a typed failure, reading the hub's {@code X-Error-Code} like huggingface_hub. */
    HubException httpFailure(HttpResponse<?> response, ModelId id, String file, URI url) {
        int status = response.statusCode();
        String code = response.headers().firstValue("X-Error-Code").orElse("");
        String hubMessage = response.headers().firstValue("X-Error-Message").map(m -> " The hub says: " + m).orElse("");
        String what = (file == null ? "Model " + id.repoId() : "File " + file + " of model " + id.repoId())
                + " at revision " + id.revision() + " (" + url + ", HTTP " + status + ")";
        if (code.equals("RepoNotFound") || (status == 404 && file == null && code.isEmpty())) {
            return new HubException(HubException.Reason.REPOSITORY_NOT_FOUND, what + ": the hub has no such model, or it is "
                    + "private and needs a token." + hubMessage + " Check the id's spelling, or set HF_TOKEN.");
        }
        if (code.equals("RevisionNotFound")) {
            return new HubException(HubException.Reason.REVISION_NOT_FOUND, what + ": the model has no such branch, tag or "
                    + "commit." + hubMessage + " Check --revision.");
        }
        if (code.equals("EntryNotFound") || status == 404) {
            return new HubException(HubException.Reason.FILE_NOT_FOUND, what + ": not found." + hubMessage
                    + " The revision may have changed while downloading; run the pull again.");
        }
        if (code.equals("GatedRepo") || status == 403) {
            return new HubException(HubException.Reason.ACCESS_DENIED, what + ": access denied." + hubMessage
                    + " Accept the model's conditions on its hub page, and set HF_TOKEN to a token of that account.");
        }
        if (status == 401) {
            return settings.token().isPresent()
                    ? new HubException(HubException.Reason.ACCESS_DENIED, what + ": the token was refused." + hubMessage
                            + " Check HF_TOKEN, or that the model exists.")
                    : new HubException(HubException.Reason.AUTHENTICATION_REQUIRED, what + ": the hub wants a token, "
                            + "or has no such model." + hubMessage + " Check the id, or set HF_TOKEN.");
        }
        if (status == 429 || status >= 500) {
            return new HubException(HubException.Reason.SERVER_ERROR, what + ": the hub is busy or failing." + hubMessage
                    + " Try again later.");
        }
        return new HubException(HubException.Reason.BAD_RESPONSE, what + ": unexpected answer." + hubMessage
                + " Check HF_ENDPOINT (" + settings.endpoint() + ").");
    }

    private HubException network(ModelId id, String file, URI url, IOException e) {
        return new HubException(HubException.Reason.NETWORK, "Cannot reach the hub for " + (file == null ? "" : file + " of ")
                + "model " + id + " (" + url + "): " + e + ". Check the network and HF_ENDPOINT (" + settings.endpoint()
                + "), or set HF_HUB_OFFLINE=1 to use only the cache.", e);
    }

    // huggingface_hub's _normalize_etag: drop a weak marker and the quotes.
    static String normaliseEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    private static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next write truncates it anyway.
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(retryPause.multipliedBy(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Reason.NETWORK, "Interrupted while waiting to retry a hub request.", e);
        }
    }
}
