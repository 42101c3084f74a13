package dev.kabar.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the hub is, who we are to it, and where its cache lives.
 *
 * <p>{@link #fromEnvironment()} reads the variables Python's {@code huggingface_hub} reads, with the
 * same defaults, so that both tools share one cache: {@code HF_ENDPOINT} (default
 * {@value #DEFAULT_ENDPOINT}), {@code HF_HOME} (default {@code $XDG_CACHE_HOME/huggingface}, else
 * {@code ~/.cache/huggingface}), {@code HF_HUB_CACHE} (default {@code $HF_HOME/hub}), {@code HF_TOKEN}
 * (else the token file {@code huggingface-cli login} writes, {@code $HF_HOME/token}) and
 * {@code HF_HUB_OFFLINE}. Tests build settings directly instead of touching the process environment.
 *
 * @param endpoint the hub's base URL, without a trailing slash
 * @param token the access token sent as {@code Authorization: Bearer}, if any
 * @param cacheDir the hub cache folder (the one holding {@code models--org--name} folders)
 * @param offline true when no request may be made and everything must come from the cache
 */
public record HubSettings(URI endpoint, Optional<String> token, Path cacheDir, boolean offline) {

    /** The public hub, as in {@code huggingface_hub.constants}. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** Checks the fields and drops a trailing slash from the endpoint, so URLs are built one way. */
    public HubSettings {
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("The hub endpoint must be an absolute http(s) URL such as "
                    + DEFAULT_ENDPOINT + ", but is " + endpoint + "; check HF_ENDPOINT.");
        }
        String e = endpoint.toString();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        endpoint = URI.create(e);
        token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank()).map(String::strip);
        if (cacheDir == null) {
            throw new IllegalArgumentException("The hub cache folder must be set.");
        }
    }

    /** Settings for an endpoint and an {@code HF_HOME} folder: no token, online, cache in {@code hfHome/hub}. */
    public static HubSettings of(URI endpoint, Path hfHome) {
        return new HubSettings(endpoint, Optional.empty(), hfHome.resolve("hub"), false);
    }

    /** Settings from this process's environment variables, as {@code huggingface_hub} reads them. */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Settings from the given environment variables.
     *
     * @param env the variables ({@code HF_ENDPOINT}, {@code HF_HOME}, ...)
     * @param userHome the folder {@code ~} stands for
     */
    public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
        String endpoint = nonBlank(env.get("HF_ENDPOINT")).orElse(DEFAULT_ENDPOINT);
        Path xdgCache = nonBlank(env.get("XDG_CACHE_HOME")).map(p -> expandHome(p, userHome))
                .orElse(userHome.resolve(".cache"));
        Path hfHome = nonBlank(env.get("HF_HOME")).map(p -> expandHome(p, userHome))
                .orElse(xdgCache.resolve("huggingface"));
        Path cache = nonBlank(env.get("HF_HUB_CACHE")).map(p -> expandHome(p, userHome))
                .orElse(hfHome.resolve("hub"));
        Optional<String> token = nonBlank(env.get("HF_TOKEN"));
        if (token.isEmpty()) {
            Path tokenFile = nonBlank(env.get("HF_TOKEN_PATH")).map(p -> expandHome(p, userHome))
                    .orElse(hfHome.resolve("token"));
            token = readTokenFile(tokenFile);
        }
        return new HubSettings(URI.create(endpoint), token, cache, isTrue(env.get("HF_HUB_OFFLINE")));
    }

    /** These settings with offline mode switched on or off. */
    public HubSettings withOffline(boolean offlineMode) {
        return new HubSettings(endpoint, token, cacheDir, offlineMode);
    }

    /** These settings with an access token (or none, for {@code null}). */
    public HubSettings withToken(String accessToken) {
        return new HubSettings(endpoint, Optional.ofNullable(accessToken), cacheDir, offline);
    }

    /** Describes the settings without revealing the token. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "set" : "none")
                + ", cacheDir=" + cacheDir + ", offline=" + offline + "]";
    }

    // huggingface_hub's constants._is_true: "1", "ON", "YES", "TRUE", in any case.
    static boolean isTrue(String value) {
        return value != null && switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "1", "ON", "YES", "TRUE" -> true;
            default -> false;
        };
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Path expandHome(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        return path.startsWith("~/") ? userHome.resolve(path.substring(2)) : Path.of(path);
    }

    private static Optional<String> readTokenFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return nonBlank(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the hub token file " + file + ": " + e.getMessage()
                    + "; fix its permissions or set HF_TOKEN.", e);
        }
    }
}
