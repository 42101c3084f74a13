package dev.kabar.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kabar.tokenize.TokenizerConfigFiles.AddedTokenSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds, in memory, the {@code tokenizer.json} that transformers' slow-to-fast converter
 * ({@code RobertaConverter}, used for BART) would write for a checkpoint that ships only
 * {@code vocab.json} and {@code merges.txt}.
 */
final class BartTokenizerJson {

    static final String VOCAB_JSON = "vocab.json";
    static final String MERGES_TXT = "merges.txt";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** BART's special-token roles and the defaults of {@code BartTokenizer.__init__}. */
    private static final String[][] ROLES = {
        {"bos_token", "<s>"}, {"eos_token", "</s>"}, {"sep_token", "</s>"}, {"cls_token", "<s>"},
        {"unk_token", "<unk>"}, {"pad_token", "<pad>"}, {"mask_token", "<mask>"},
    };

    private BartTokenizerJson() {
    }

    /**
     * Returns the tokenizer definition: ByteLevel pre-tokenizer (no prefix space unless
     * {@code add_prefix_space}), BPE over the byte-level vocabulary, RobertaProcessing
     * ({@code <s> … </s>}), ByteLevel decoder, and the special tokens as added tokens.
     */
    static ObjectNode fromVocabAndMerges(Path dir, TokenizerConfigFiles config) {
        Path vocabFile = dir.resolve(VOCAB_JSON);
        JsonNode vocab = TokenizerConfigFiles.readJson(vocabFile);
        if (!vocab.isObject()) {
            throw new TokenizerException("Tokenizer file " + vocabFile + " must be a JSON object of token → id.");
        }
        ArrayNode merges = readMerges(dir.resolve(MERGES_TXT));

        Map<String, AddedTokenSpec> added = new LinkedHashMap<>();
        int nextId = 0;
        for (JsonNode id : vocab) {
            nextId = Math.max(nextId, id.asInt() + 1);
        }
        Map<String, String> roleContent = new LinkedHashMap<>();
        for (String[] role : ROLES) {
            // BartTokenizer wraps a plain-string mask token as AddedToken(lstrip=True): "<mask>"
            // swallows the whitespace before it.
            boolean lstrip = role[0].equals("mask_token");
            var spec = config.special(role[0], role[1], lstrip);
            if (spec.isEmpty()) {
                continue;
            }
            roleContent.put(role[0], spec.get().content());
            added.putIfAbsent(spec.get().content(), spec.get());
        }
        for (AddedTokenSpec listed : config.addedTokensDecoder()) {
            added.putIfAbsent(listed.content(), listed);
        }
        List<ObjectNode> addedNodes = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (AddedTokenSpec t : added.values()) {
            Integer id = t.id() != null ? t.id() : vocab.has(t.content()) ? Integer.valueOf(vocab.get(t.content()).asInt()) : null;
            if (id == null) {
                // The slow tokenizer appends tokens missing from vocab.json after it.
                id = nextId++;
            }
            ids.put(t.content(), id);
            ObjectNode n = NODES.objectNode();
            n.put("id", id);
            n.put("content", t.content());
            n.put("single_word", t.singleWord());
            n.put("lstrip", t.lstrip());
            n.put("rstrip", t.rstrip());
            n.put("normalized", t.normalized());
            n.put("special", t.special());
            addedNodes.add(n);
        }
        addedNodes.sort(Comparator.comparingInt(n -> n.get("id").asInt()));

        boolean addPrefixSpace = config.configFlag("add_prefix_space", false);
        ObjectNode root = NODES.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens").addAll(addedNodes);
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", addPrefixSpace);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        String sep = requireRole(roleContent, "sep_token", dir);
        String cls = requireRole(roleContent, "cls_token", dir);
        post.putArray("sep").add(sep).add(ids.get(sep));
        post.putArray("cls").add(cls).add(ids.get(cls));
        post.put("trim_offsets", true);
        post.put("add_prefix_space", addPrefixSpace);
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", vocab);
        model.set("merges", merges);
        return root;
    }

    private static String requireRole(Map<String, String> roles, String key, Path dir) {
        String v = roles.get(key);
        if (v == null) {
            throw new TokenizerException("Tokenizer folder " + dir + " sets " + key
                    + " to null; BART's post-processor needs it.");
        }
        return v;
    }

    /**
     * Reads merges as {@code BartTokenizer.__init__} does: {@code split("\n")[1:-1]}, i.e. the first
     * line is the {@code #version} header and the last element (empty after the final newline) is
     * dropped; each remaining line is split on whitespace. Lines without exactly two symbols can
     * never match a pair in the reference, so they are left out.
     */
    private static ArrayNode readMerges(Path file) {
        String text = new String(TokenizerConfigFiles.readBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        ArrayNode merges = NODES.arrayNode();
        for (int i = 1; i < lines.length - 1; i++) {
            String[] pair = lines[i].strip().split("\\s+");
            if (pair.length == 2) {
                merges.add(pair[0] + " " + pair[1]);
            }
        }
        return merges;
    }
}
