package dev.kabar.engine;

import ai.djl.engine.Engine;
import java.util.Map;

/** The native libraries the engine runs on, for {@code kabar doctor} and reports. */
public final class NativeRuntime {

    /**
     * The oneDNN each PyTorch release kabar has run on bundles, as that build's own
     * {@code ONEDNN_VERBOSE=1} output names it (PyTorch exposes no call for it that DJL reaches).
     */
    private static final Map<String, String> ONEDNN_OF_PYTORCH = Map.of("2.7.1", "3.7.1");

    private NativeRuntime() {
    }

    /** Returns DJL's version, e.g. {@code 0.36.0}. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** Returns the PyTorch version DJL loaded, e.g. {@code 2.7.1}. */
    public static String pytorchVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    /** Returns the oneDNN version bundled with this PyTorch, with where that comes from. */
    public static String onednnVersion() {
        String pytorch = pytorchVersion();
        String onednn = ONEDNN_OF_PYTORCH.get(pytorch);
        return onednn == null ? "the one bundled with PyTorch " + pytorch + " (version not known to kabar)"
                : onednn + " (bundled with PyTorch " + pytorch + ")";
    }

    /** Returns the intra-op threads engines use: DJL's {@code ai.djl.pytorch.num_threads} when set, else one per core. */
    public static int intraOpThreads() {
        return Seq2SeqEngine.intraOpThreads();
    }
}
