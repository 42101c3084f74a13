package dev.kabar.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A Hugging Face hub on 127.0.0.1 for tests: the revision API, {@code resolve} URLs that answer small
 * files directly (with the git blob id as ETag) and redirect LFS files to a second server on another
 * port standing for the CDN (with {@code X-Linked-Etag} = sha256), as the real hub does. It records
 * every request and can drop a connection mid-file once, corrupt a file, or require a token.
 */
final class FakeHub implements AutoCloseable {

    /** One request as the servers saw it. */
    record Request(String server, String method, String path, String range, String authorization) {
        boolean isFileDownload() {
            return method.equals("GET") && (server.equals("cdn") || path.contains("/resolve/"));
        }
    }

    /** A repository: its commit, branches and files. */
    static final class Repo {
        final String id;
        final String commit;
        final Map<String, byte[]> files = new TreeMap<>();

        Repo(String id, String commit) {
            this.id = id;
            this.commit = commit;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long STALL_MILLIS = 8_000;

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    final Set<String> stallOnce = ConcurrentHashMap.newKeySet();
    final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    volatile String requiredToken;
    volatile boolean listBlobIds = true;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-hub");
        t.setDaemon(true);
        return t;
    });

    private FakeHub() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        hub = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        // Many threads, so that a stalled answer does not hold up the client's next request.
        hub.setExecutor(pool);
        cdn.setExecutor(pool);
        hub.createContext("/", this::handleHub);
        cdn.createContext("/", this::handleCdn);
        hub.start();
        cdn.start();
    }

    static FakeHub start() {
        try {
            return new FakeHub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    /** Serves every file of a folder as repository {@code repoId} at a commit derived from the id. */
    Repo serve(String repoId, Path folder) {
        return serve(repoId, folder, "");
    }

    /**
     * Serves every file of a folder as repository {@code repoId} at a commit derived from the id and
     * {@code version}: serving another version moves {@code main} to a new commit, as a push would.
     */
    Repo serve(String repoId, Path folder, String version) {
        Repo repo = new Repo(repoId, hex("SHA-1", ("commit of " + repoId + version).getBytes(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repos.put(repoId, repo);
        return repo;
    }

    /** Serves files given in memory. */
    Repo serve(String repoId, Map<String, byte[]> files) {
        Repo repo = new Repo(repoId, hex("SHA-1", ("commit of " + repoId).getBytes(StandardCharsets.UTF_8)));
        repo.files.putAll(files);
        repos.put(repoId, repo);
        return repo;
    }

    static Path conformance(String name) {
        Path dir = Paths.get(System.getProperty("conformance.dir", "../shared/conformance")).resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Conformance checkpoint " + dir.toAbsolutePath() + " is missing; set -Dconformance.dir.");
        }
        return dir;
    }

    // Weights and SentencePiece models are LFS objects on the real hub; the rest are plain git files.
    static boolean isLfs(String file) {
        return file.endsWith(".safetensors") || file.endsWith(".bin") || file.endsWith(".spm") || file.endsWith(".h5");
    }

    static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    static String gitBlobId(byte[] data) {
        byte[] header = ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + data.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data, 0, all, header.length, data.length);
        return hex("SHA-1", all);
    }

    static String etag(String file, byte[] data) {
        return isLfs(file) ? sha256(data) : gitBlobId(data);
    }

    long fileDownloads() {
        return requests.stream().filter(Request::isFileDownload).count();
    }

    long apiCalls() {
        return requests.stream().filter(r -> r.path().startsWith("/api/")).count();
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String server, HttpExchange ex) {
        requests.add(new Request(server, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("Authorization")));
    }

    private void handleHub(HttpExchange ex) throws IOException {
        record("hub", ex);
        try (ex) {
            if (requiredToken != null && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("X-Error-Message", "Invalid credentials in Authorization header");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (path.startsWith("/api/models/")) {
                api(ex, path.substring("/api/models/".length()));
            } else {
                resolve(ex, path.substring(1));
            }
        }
    }

    private void api(HttpExchange ex, String rest) throws IOException {
        // {org}/{name}/revision/{rev}
        String[] parts = rest.split("/", 4);
        Repo repo = repos.get(parts[0] + "/" + parts[1]);
        if (repo == null) {
            error(ex, 404, "RepoNotFound", "Repository not found");
            return;
        }
        String rev = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
        if (!rev.equals("main") && !rev.equals(repo.commit)) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", repo.id);
        body.put("sha", repo.commit);
        ArrayNode siblings = body.putArray("siblings");
        boolean blobs = "blobs=true".equals(ex.getRequestURI().getRawQuery());
        for (Map.Entry<String, byte[]> f : repo.files.entrySet()) {
            ObjectNode s = siblings.addObject();
            s.put("rfilename", f.getKey());
            if (blobs && listBlobIds) {
                s.put("blobId", gitBlobId(f.getValue()));
                s.put("size", f.getValue().length);
                if (isLfs(f.getKey())) {
                    ObjectNode lfs = s.putObject("lfs");
                    lfs.put("sha256", sha256(f.getValue()));
                    lfs.put("size", f.getValue().length);
                    lfs.put("pointerSize", 134);
                }
            }
        }
        byte[] json = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, json.length);
        ex.getResponseBody().write(json);
    }

    private void resolve(HttpExchange ex, String rest) throws IOException {
        // {org}/{name}/resolve/{rev}/{file}
        String[] parts = rest.split("/", 5);
        Repo repo = parts.length == 5 && parts[2].equals("resolve") ? repos.get(parts[0] + "/" + parts[1]) : null;
        if (repo == null) {
            error(ex, 404, "RepoNotFound", "Repository not found");
            return;
        }
        String rev = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
        String file = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
        byte[] data = repo.files.get(file);
        if (!rev.equals("main") && !rev.equals(repo.commit)) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        if (data == null) {
            error(ex, 404, "EntryNotFound", file + " does not exist");
            return;
        }
        ex.getResponseHeaders().add("X-Repo-Commit", repo.commit);
        if (isLfs(file)) {
            String sha = sha256(data);
            ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
            ex.getResponseHeaders().add("X-Linked-Size", Integer.toString(data.length));
            ex.getResponseHeaders().add("ETag", "\"" + gitBlobId(data) + "\"");
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/lfs/"
                    + repo.id + "/" + sha + "?file=" + file);
            ex.sendResponseHeaders(302, -1);
            return;
        }
        ex.getResponseHeaders().add("ETag", "\"" + gitBlobId(data) + "\"");
        sendFile(ex, file, data);
    }

    private void handleCdn(HttpExchange ex) throws IOException {
        record("cdn", ex);
        try (ex) {
            // /lfs/{org}/{name}/{sha256}?file={name}
            String[] parts = ex.getRequestURI().getRawPath().split("/");
            Repo repo = repos.get(parts[2] + "/" + parts[3]);
            String file = URLDecoder.decode(ex.getRequestURI().getRawQuery().substring("file=".length()), StandardCharsets.UTF_8);
            byte[] data = repo == null ? null : repo.files.get(file);
            if (data == null || !sha256(data).equals(parts[4])) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"cdn-" + parts[4].substring(0, 8) + "\"");
            sendFile(ex, file, data);
        }
    }

    /** Sends a file with Range support and the configured faults. */
    private void sendFile(HttpExchange ex, String file, byte[] data) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        byte[] body = data;
        if (corrupt.contains(file)) {
            body = data.clone();
            body[body.length / 2] ^= 0x5A; // same length, different bytes
        }
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.matches("bytes=\\d+-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= body.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream out = ex.getResponseBody();
        if (dropOnce.remove(file)) {
            // Announce the whole length, send half of it, and fail the handler: the JDK server then
            // closes the connection, as a proxy or a flaky network does.
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            throw new IOException("simulated connection drop");
        }
        if (stallOnce.remove(file)) {
            // Send half, then go silent with the connection open: a hung download.
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            try {
                Thread.sleep(STALL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("simulated stall");
        }
        out.write(body, from, body.length - from);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().add("X-Error-Code", code);
        ex.getResponseHeaders().add("X-Error-Message", message);
        ex.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        pool.shutdownNow();
    }
}
