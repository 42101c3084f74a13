package dev.kabar.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code --model} argument into a checkpoint folder: an existing folder as it is, otherwise a
 * hub id {@code org/name[@revision]} through the cache (see {@link ModelHub#resolve}).
 */
public final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);

    private ModelResolver() {
    }

    /**
     * Resolves a {@code --model} argument with the settings of the environment ({@code HF_HOME},
     * {@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}); progress goes to the log.
     *
     * @return an existing folder, or the cache snapshot folder of the hub id, downloaded if needed;
     *     an argument that is neither a folder nor of the {@code org/name} form is returned as a path,
     *     so the checkpoint loader reports the missing folder by name
     * @throws InvalidModelIdException when the id has the hub form but an invalid name or revision
     * @throws HubException when the model cannot be found or fetched (see {@link ModelHub#resolve})
     */
    public static Path resolve(String modelArg) {
        return resolve(modelArg, HubSettings.fromEnvironment(), LOG::info);
    }

    /** As {@link #resolve(String)}, with explicit settings and a receiver of progress lines. */
    public static Path resolve(String modelArg, HubSettings settings, Consumer<String> progress) {
        Path asPath;
        try {
            asPath = Path.of(modelArg);
            if (Files.isDirectory(asPath)) {
                return asPath; // a folder wins over a hub id of the same spelling
            }
        } catch (InvalidPathException e) {
            asPath = null;
        }
        boolean pathLike = modelArg.startsWith("/") || modelArg.startsWith(".") || modelArg.startsWith("~")
                || modelArg.contains("\\");
        if (asPath != null && (pathLike || !ModelId.looksLikeId(modelArg))) {
            return asPath;
        }
        ModelId id = ModelId.parse(modelArg);
        try {
            return new ModelHub(settings, progress).resolve(id);
        } catch (HubException e) {
            if (e.reason() == HubException.Reason.REPOSITORY_NOT_FOUND && asPath != null) {
                throw new HubException(e.reason(), e.getMessage() + " (Nor is there a folder "
                        + asPath.toAbsolutePath() + ".)", e);
            }
            throw e;
        }
    }
}
