package dev.kabar.tokenize;

import dev.kabar.runtime.DjlOffline;
import ai.djl.sentencepiece.SpTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kabar.tokenize.TokenizerConfigFiles.AddedTokenSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenizer of MarianMT checkpoints, identical to transformers 4.40.2 {@code MarianTokenizer}
 * with {@code separate_vocabs} false: {@code source.spm} segments the input, {@code target.spm}
 * decodes the output, and {@code vocab.json} maps piece strings to the model's ids.
 *
 * <p>SentencePiece itself runs in the real library (DJL's binding); its own piece ids are never
 * used. Not thread-safe: use one instance per thread.
 */
public final class MarianTokenizer implements TextTokenizer {

    static {
        DjlOffline.ensure();
    }

    /** The SentencePiece model that segments source text. */
    public static final String SOURCE_SPM = "source.spm";
    /** The SentencePiece model whose piece decoding turns generated pieces into text. */
    public static final String TARGET_SPM = "target.spm";
    /** The joint piece → id map used by the model. */
    public static final String VOCAB_JSON = "vocab.json";

    /** Fallback of {@code model_max_length} when the config lacks it (Helsinki-NLP repositories). */
    static final int DEFAULT_MODEL_MAX_LENGTH = 512;

    /**
     * {@code MarianTokenizer.language_code_re = re.compile(">>.+<<")}: greedy, and Python's
     * {@code .} excludes only {@code \n}, so Java's {@code .} (which excludes more) is not used.
     */
    private static final Pattern LANGUAGE_CODE = Pattern.compile(">>[^\\n]+<<");

    private final SpTokenizer sourceSpm;
    private final SpTokenizer targetSpm;
    private final Map<String, Integer> vocab;
    private final Map<Integer, String> idToToken;
    private final String unkToken;
    private final int unkId;
    private final int eosId;
    private final int padId;
    private final Set<String> specialTokens;
    private final Set<Integer> specialIds;
    private final SpecialTokenSplitter splitter;
    private final boolean cleanUpTokenizationSpaces;
    private final int modelMaxLength;

    private MarianTokenizer(SpTokenizer sourceSpm, SpTokenizer targetSpm, Map<String, Integer> vocab,
                            List<AddedTokenSpec> specials, AddedTokenSpec unk, AddedTokenSpec eos,
                            AddedTokenSpec pad, boolean cleanUp, int modelMaxLength) {
        this.sourceSpm = sourceSpm;
        this.targetSpm = targetSpm;
        this.vocab = vocab;
        this.idToToken = new HashMap<>();
        vocab.forEach((token, id) -> idToToken.put(id, token));
        this.unkToken = unk.content();
        this.unkId = vocab.get(unk.content());
        this.eosId = vocab.get(eos.content());
        this.padId = vocab.get(pad.content());
        this.specialTokens = new HashSet<>();
        this.specialIds = new HashSet<>();
        for (AddedTokenSpec s : specials) {
            specialTokens.add(s.content());
            specialIds.add(vocab.get(s.content()));
        }
        this.splitter = new SpecialTokenSplitter(specials);
        this.cleanUpTokenizationSpaces = cleanUp;
        this.modelMaxLength = modelMaxLength;
    }

    /**
     * Loads the tokenizer from a checkpoint folder.
     *
     * @throws TokenizerException when a file is missing or corrupt, or a special token is not in
     *     {@code vocab.json}
     */
    public static MarianTokenizer load(Path dir) {
        TokenizerConfigFiles config = TokenizerConfigFiles.read(dir);
        if (config.configFlag("separate_vocabs", false)) {
            throw new TokenizerException("Tokenizer folder " + dir + " uses separate_vocabs=true "
                    + "(target_vocab.json); only the joint vocab.json of MarianMT checkpoints is supported.");
        }
        Map<String, Integer> vocab = readVocab(dir.resolve(VOCAB_JSON));
        // Defaults of MarianTokenizer.__init__ in transformers 4.40.2; Marian has no BOS.
        AddedTokenSpec unk = requireSpecial(config, "unk_token", "<unk>", dir);
        AddedTokenSpec eos = requireSpecial(config, "eos_token", "</s>", dir);
        AddedTokenSpec pad = requireSpecial(config, "pad_token", "<pad>", dir);
        List<AddedTokenSpec> specials = new ArrayList<>(List.of(eos, unk, pad));
        for (AddedTokenSpec s : specials) {
            if (!vocab.containsKey(s.content())) {
                throw new TokenizerException("Tokenizer file " + dir.resolve(VOCAB_JSON) + " lacks the special token '"
                        + s.content() + "'.");
            }
        }
        SpTokenizer source = loadSpm(dir.resolve(SOURCE_SPM));
        SpTokenizer target;
        try {
            target = loadSpm(dir.resolve(TARGET_SPM));
        } catch (TokenizerException e) {
            source.close();
            throw e;
        }
        return new MarianTokenizer(source, target, vocab, specials, unk, eos, pad,
                config.cleanUpTokenizationSpaces(), config.modelMaxLength(DEFAULT_MODEL_MAX_LENGTH));
    }

    private static AddedTokenSpec requireSpecial(TokenizerConfigFiles config, String key, String dflt, Path dir) {
        return config.special(key, dflt, false).orElseThrow(() -> new TokenizerException(
                "Tokenizer folder " + dir + " sets " + key + " to null; MarianTokenizer needs it."));
    }

    static Map<String, Integer> readVocab(Path file) {
        JsonNode root = TokenizerConfigFiles.readJson(file);
        if (!root.isObject()) {
            throw new TokenizerException("Tokenizer file " + file + " must be a JSON object of token → id.");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                throw new TokenizerException("Tokenizer file " + file + ": the id of token '" + e.getKey()
                        + "' is " + e.getValue() + ", not an integer.");
            }
            vocab.put(e.getKey(), e.getValue().intValue());
        }
        return vocab;
    }

    private static SpTokenizer loadSpm(Path file) {
        byte[] bytes = TokenizerConfigFiles.readBytes(file);
        try {
            return new SpTokenizer(bytes);
        } catch (RuntimeException e) {
            // The native loader reports a bad protobuf as a generic engine error; name the file.
            throw new TokenizerException("Tokenizer file " + file + " is not a valid SentencePiece model: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = ids(text, sourceSpm);
        ids.add(eosId);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The reference in target mode ({@code text_target=}): the target SentencePiece model, the same vocabulary. */
    @Override
    public int[] encodeTarget(String text) {
        return ids(text, targetSpm).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The ids of a text, special tokens recognised, with the given SentencePiece model and no closing {@code </s>}. */
    private List<Integer> ids(String text, SpTokenizer spm) {
        List<Integer> ids = new ArrayList<>();
        for (SpecialTokenSplitter.Part part : splitter.split(text)) {
            if (part.special()) {
                ids.add(vocab.get(part.text()));
            } else {
                for (String token : tokenizePart(part.text(), spm)) {
                    ids.add(vocab.getOrDefault(token, unkId));
                }
            }
        }
        return ids;
    }

    /**
     * {@code MarianTokenizer._tokenize}: the reference runs it on every part between special tokens,
     * so a language code is recognised at the start of any part, and all codes are removed.
     */
    private List<String> tokenizePart(String text, SpTokenizer spm) {
        List<String> tokens = new ArrayList<>();
        Matcher code = LANGUAGE_CODE.matcher(text);
        if (code.lookingAt()) {
            tokens.add(code.group());
        }
        String rest = LANGUAGE_CODE.matcher(text).replaceAll("");
        tokens.addAll(spm.tokenize(rest));
        return tokens;
    }

    /** Keeps the first {@code maxLength - 1} ids and the closing {@code </s>}. */
    @Override
    public int[] encode(String text, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength is " + maxLength
                    + "; it must be at least 1, the room for </s>.");
        }
        // encode() always ends with </s>, so keeping the last id keeps </s>.
        return Truncation.keepClosingToken(encode(text), maxLength);
    }

    /** Ids missing from {@code vocab.json} read as the unknown token, as in the reference. */
    @Override
    public List<String> idsToTokens(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(idToToken.getOrDefault(id, unkToken));
        }
        return out;
    }

    /**
     * Decodes with {@code target.spm}, following {@code MarianTokenizer.convert_tokens_to_string}:
     * special tokens are never fed to SentencePiece; each is written after the pieces before it,
     * followed by a space; then {@code ▁} becomes a space and the text is stripped.
     */
    @Override
    public String decode(int[] ids, boolean skipSpecialTokens, boolean cleanUpTokenizationSpaces) {
        StringBuilder out = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            if (skipSpecialTokens && specialIds.contains(id)) {
                continue;
            }
            // An id outside the vocabulary becomes the "<unk>" string, which counts as special below
            // even when skipping, exactly as the reference's id → token → string path does.
            String token = idToToken.getOrDefault(id, unkToken);
            if (specialTokens.contains(token)) {
                out.append(decodePieces(pieces)).append(token).append(' ');
                pieces.clear();
            } else {
                pieces.add(token);
            }
        }
        out.append(decodePieces(pieces));
        String text = TokenizationSpaces.pythonStrip(out.toString().replace('\u2581', ' '));
        return cleanUpTokenizationSpaces ? TokenizationSpaces.cleanUp(text) : text;
    }

    private String decodePieces(List<String> pieces) {
        return pieces.isEmpty() ? "" : targetSpm.buildSentence(pieces);
    }

    @Override
    public String decode(int[] ids) {
        return decode(ids, true, cleanUpTokenizationSpaces);
    }

    @Override
    public int modelMaxLength() {
        return modelMaxLength;
    }

    @Override
    public int padId() {
        return padId;
    }

    /** Returns the id of {@code </s>}, appended to every encoded text. */
    public int eosId() {
        return eosId;
    }

    /** Returns the id of {@code <unk>}. */
    public int unkId() {
        return unkId;
    }

    @Override
    public void close() {
        sourceSpm.close();
        targetSpm.close();
    }
}
