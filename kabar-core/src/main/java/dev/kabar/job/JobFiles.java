package dev.kabar.job;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kabar.article.CsvLayout;
import dev.kabar.article.DateOrder;
import dev.kabar.article.FieldMapping;
import dev.kabar.article.InputFormat;
import dev.kabar.article.InputSpec;
import dev.kabar.article.ParserMessage;
import dev.kabar.digest.SuspectSentences;
import dev.kabar.engine.Precision;
import dev.kabar.generate.GenerationConfig;
import dev.kabar.glossary.Glossary;
import dev.kabar.glossary.GlossaryException;
import dev.kabar.hub.ModelId;
import dev.kabar.pipeline.TranslationSettings;
import dev.kabar.pipeline.TrustSettings;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads job files strictly: an unknown key, a value of the wrong type, a missing required value, a
 * bad value or an input that matches no file is a {@link JobFileException} naming the key and the
 * file, raised before anything is opened or loaded. Relative paths in a job file are resolved
 * against the working directory, as {@code kabar translate} does, so that a job runs the same from
 * cron (after a {@code cd}) as by hand. Thread-safe.
 */
public final class JobFiles {

    /** Default articles per committed output chunk. */
    public static final int DEFAULT_CHUNK_ARTICLES = 20;
    /** Default failing runs before quarantine. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private static final ObjectMapper YAML = strictMapper();

    private JobFiles() {
    }

    private static ObjectMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // A key given twice is an error, not "the last one wins" (which once sent a job's outputs elsewhere).
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // No silent coercion: "batch_tokens: lots" or "formats: jsonl" (not a list) are errors, not guesses.
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Untyped)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return mapper;
    }

    /**
     * Reads and checks a job file.
     *
     * @throws JobFileException naming the file and the key at fault
     */
    public static Job load(Path file) throws JobFileException {
        if (!Files.isRegularFile(file)) {
            throw new JobFileException("job file '" + file + "' does not exist.");
        }
        JobSpec spec;
        try {
            spec = YAML.readValue(file.toFile(), JobSpec.class);
        } catch (JacksonException e) {
            throw new JobFileException(describe(file, e), e);
        } catch (IOException e) {
            throw new JobFileException("job file '" + file + "' cannot be read: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new JobFileException("job file '" + file + "' is empty; it needs at least inputs, models.translator "
                    + "and outputs.folder.");
        }
        return new Checker(file).check(spec);
    }

    /**
     * Returns the job file a command-line argument names: a bare name is looked up as
     * {@code jobs/<name>.yaml}; anything that looks like a path (a separator, or ending in
     * {@code .yaml}/{@code .yml}) is taken as it is.
     */
    public static Path locate(String jobArg) {
        Path file = Path.of(jobArg);
        boolean pathLike = jobArg.contains("/") || jobArg.contains("\\") || jobArg.endsWith(".yaml") || jobArg.endsWith(".yml");
        return Files.isRegularFile(file) || pathLike ? file : Path.of("jobs", jobArg + ".yaml");
    }

    private static String describe(Path file, JacksonException e) {
        String where = "";
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where = " (line " + location.getLineNr() + ")";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field '") && location != null && location.getLineNr() > 0) {
            String key = original.substring("Duplicate field '".length(), original.indexOf('\'', "Duplicate field '".length()));
            int earlier = earlierLine(file, key, location.getLineNr());
            return "job file '" + file + "': key '" + key + "' is given twice, on line " + (earlier > 0 ? earlier + " and line " : "")
                    + location.getLineNr() + "; keep one.";
        }
        if (syntaxError(e)) {
            return "job file '" + file + "' is not valid YAML" + where + ": "
                    + ParserMessage.plain(e) + ".";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "job file '" + file + "': unknown key '" + path(u) + "'" + where + "; allowed here: "
                    + u.getKnownPropertyIds() + ".";
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return "job file '" + file + "': key '" + path(m) + "'" + where + " has a value of the wrong type: "
                    + ParserMessage.plain(m) + ".";
        }
        return "job file '" + file + "' is not valid YAML" + where + ": "
                + ParserMessage.plain(e) + ".";
    }

    /**
     * Returns the line (1-based) before {@code line} where {@code key} is given at the same
     * indentation as on {@code line}, or 0 when none is found.
     */
    private static int earlierLine(Path file, String key, int line) {
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern keyLine = Pattern.compile("^(\\s*)(- )?" + Pattern.quote(key) + "\\s*:");
            int indent = -1;
            for (int i = Math.min(line - 1, lines.size() - 1); i >= 0 && i >= line - 3 && indent < 0; i--) {
                Matcher m = keyLine.matcher(lines.get(i));
                if (m.find()) {
                    indent = m.group(1).length();
                    for (int j = i - 1; j >= 0; j--) {
                        Matcher before = keyLine.matcher(lines.get(j));
                        if (before.find() && before.group(1).length() == indent) {
                            return j + 1;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The line of the second key is still given.
        }
        return 0;
    }

    /** A parse failure, possibly wrapped in a mapping failure: the YAML itself is broken, not a value. */
    private static boolean syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException) {
                return true;
            }
        }
        return false;
    }

    /** The failing key as a dotted path with list indexes: {@code outputs.formats[0]}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Checks one parsed file; collects nothing, fails at the first fault so the message stays one sentence. */
    private record Checker(Path file) {

        JobFileException error(String key, String message) {
            return new JobFileException("job file '" + file + "': " + key + " " + message);
        }

        /**
         * Resolves a path written in the job file against the job file's folder, so that a job runs
         * the same from cron (which starts elsewhere) as from the repository root. Absolute paths
         * stay as they are; the result stays relative when the job file's path is.
         */
        String relative(String path) {
            if (path == null || path.isBlank() || Path.of(path).isAbsolute()) {
                return path;
            }
            Path folder = file.getParent() == null ? Path.of("") : file.getParent();
            String resolved = folder.resolve(path).normalize().toString();
            return resolved.isEmpty() ? "." : resolved;
        }

        /**
         * Resolves a model reference: a folder (anything that looks like a path, or names a folder
         * beside the job file) against the job file's folder; a hub id as it is.
         */
        String model(String ref) {
            if (ref == null || Path.of(ref).isAbsolute()) {
                return ref;
            }
            String resolved = relative(ref);
            return looksLikePath(ref) || Files.isDirectory(Path.of(resolved)) ? resolved : ref;
        }

        private static boolean looksLikePath(String ref) {
            return ref.startsWith("./") || ref.startsWith("../") || ref.startsWith("/") || ref.startsWith("~") || ref.equals(".")
                    || ref.equals("..") || ref.contains("\\");
        }

        /** The keys of {@code outputs.digest} given as a mapping. */
        private static final List<String> DIGEST_KEYS = List.of("format", "suspect");

        Job check(JobSpec spec) throws JobFileException {
            String name = spec.name() != null ? spec.name() : defaultName();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw error("name", "must be letters, digits, '.', '_' or '-', but is '" + name + "'.");
            }
            if (spec.models() == null || spec.models().translator() == null || spec.models().translator().isBlank()) {
                throw error("models.translator", "is required: a checkpoint folder, or a hub id pinned to a revision "
                        + "(Helsinki-NLP/opus-mt-id-en@<commit>).");
            }
            String translator = model(spec.models().translator());
            String summariser = model(spec.models().summariser());
            checkModel("models.translator", spec.models().translator(), translator);
            if (summariser != null) {
                checkModel("models.summariser", spec.models().summariser(), summariser);
            }
            Map<String, Object> generation = spec.generation() == null ? Map.of() : new LinkedHashMap<>(spec.generation());
            for (String key : generation.keySet()) {
                if (!GenerationConfig.KEYS.contains(key)) {
                    throw error("generation." + key, "is not a generation setting; allowed: "
                            + GenerationConfig.KEYS.stream().sorted().toList() + ".");
                }
            }
            Path glossaryFile = spec.glossary() == null ? null : Path.of(relative(spec.glossary().strip()));
            TranslationSettings batching = batching(spec.batching()).withTrust(trust(spec.trust()))
                    .withGlossary(glossary(spec.glossary(), glossaryFile));
            Integer workers = spec.batching() == null ? null : spec.batching().workers();
            if (workers != null && workers < 1) {
                throw error("batching.workers", "must be at least 1 (leave it out for one per core, at most 4), but is "
                        + workers + ".");
            }
            if (spec.outputs() == null || spec.outputs().folder() == null || spec.outputs().folder().isBlank()) {
                throw error("outputs.folder", "is required, for example out/{date}.");
            }
            JobSpec.Outputs outputs = spec.outputs();
            List<ChunkFormat> formats = new ArrayList<>();
            boolean perSentence = Boolean.TRUE.equals(outputs.perSentenceCsv());
            List<String> names = outputs.formats() == null ? List.of("jsonl") : outputs.formats();
            for (int i = 0; i < names.size(); i++) {
                ChunkFormat parsed;
                try {
                    parsed = ChunkFormat.fromKey(names.get(i));
                } catch (IllegalArgumentException e) {
                    throw error("outputs.formats[" + i + "]", "has " + e.getMessage() + ".");
                }
                // per_sentence_csv: true is the older spelling of sentence_csv in place of csv.
                if (perSentence && parsed == ChunkFormat.CSV) {
                    parsed = ChunkFormat.SENTENCE_CSV;
                }
                if (formats.contains(parsed)) {
                    throw error("outputs.formats", "names " + parsed.key() + " twice" + (perSentence
                            ? " (per_sentence_csv: true makes csv mean sentence_csv; list csv and sentence_csv and drop "
                                    + "per_sentence_csv to write both)" : "") + ".");
                }
                formats.add(parsed);
            }
            if (formats.isEmpty()) {
                throw error("outputs.formats", "is empty; name at least one of jsonl, json, csv, sentence_csv.");
            }
            if (perSentence && !formats.contains(ChunkFormat.SENTENCE_CSV)) {
                throw error("outputs.per_sentence_csv", "is true but outputs.formats has no csv.");
            }
            int chunk = outputs.chunkArticles() == null ? DEFAULT_CHUNK_ARTICLES : outputs.chunkArticles();
            if (chunk < 1) {
                throw error("outputs.chunk_articles", "must be at least 1, but is " + chunk + ".");
            }
            String digest = digestFormat(outputs.digest());
            SuspectSentences digestSuspects = digestSuspects(outputs.digest());
            if (digest != null && formats.stream().noneMatch(ChunkFormat::perArticle)) {
                throw error("outputs.digest", "needs per-article outputs to read: add jsonl, json or csv to "
                        + "outputs.formats.");
            }
            Integer keepDays = spec.retention() == null ? null : spec.retention().keepDays();
            if (keepDays != null && keepDays < 1) {
                throw error("retention.keep_days", "must be at least 1 (leave it out to keep everything), but is "
                        + keepDays + ".");
            }
            if (keepDays != null && !outputs.folder().contains(Job.DATE)) {
                throw error("retention.keep_days", "needs " + Job.DATE + " in outputs.folder, to tell old folders by date.");
            }
            Integer memoryDays = spec.retention() == null ? null : spec.retention().translationMemoryDays();
            if (memoryDays != null && memoryDays < 1) {
                throw error("retention.translation_memory_days", "must be at least 1 (leave it out to keep every entry), but is "
                        + memoryDays + ".");
            }
            int maxAttempts = spec.state() == null || spec.state().maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS
                    : spec.state().maxAttempts();
            if (maxAttempts < 1) {
                throw error("state.max_attempts", "must be at least 1, but is " + maxAttempts + ".");
            }
            Precision precision;
            try {
                precision = spec.models().dtype() == null ? Precision.FLOAT32 : Precision.parse(spec.models().dtype());
            } catch (IllegalArgumentException e) {
                throw error("models.dtype", "must be float32 or bfloat16, but is '" + spec.models().dtype() + "'.");
            }
            List<dev.kabar.article.InputSpec> inputs = inputs(spec.inputs());
            Job draft = new Job(name, file, inputs, translator, summariser, generation,
                    batching, workers == null ? 0 : workers, precision, relative(outputs.folder()), formats, digest, chunk,
                    keepDays, memoryDays, Path.of("."), maxAttempts);
            Path database = spec.state() != null && spec.state().database() != null
                    ? Path.of(relative(spec.state().database()))
                    : draft.outputsBase().resolve(".kabar").resolve("state.db");
            return new Job(name, file, inputs, draft.translator(), draft.summariser(), generation, batching, draft.workers(),
                    precision, draft.folderPattern(), formats, draft.digest(), chunk, keepDays, memoryDays, database,
                    maxAttempts, digestSuspects, glossaryFile);
        }

        /**
         * Reads the {@code glossary:} term list now, so that a missing file or a bad row stops the job
         * before anything is opened or loaded; null when the key is absent.
         *
         * @param written the path as the job file writes it
         * @param file the path resolved against the job file's folder
         */
        private Glossary glossary(String written, Path file) throws JobFileException {
            if (written == null) {
                return null;
            }
            if (written.isBlank()) {
                throw error("glossary", "is empty; give a term list (terms.csv, see docs/glossaries.md), or leave the key out.");
            }
            if (!Files.isRegularFile(file)) {
                throw error("glossary", "'" + written.strip() + "' " + (Files.isDirectory(file) ? "is a folder, not a term list"
                        : "does not exist") + " (" + file.toAbsolutePath().normalize() + "; paths in a job file are relative "
                        + "to the job file's folder, " + (this.file.getParent() == null ? "." : this.file.getParent().toString())
                        + "). Give a CSV or TSV term list (docs/glossaries.md).");
            }
            try {
                return Glossary.read(file);
            } catch (GlossaryException e) {
                // The term list's own message names its line and column, what was expected and what to do.
                throw new JobFileException("job file '" + this.file + "': glossary '" + written.strip() + "' cannot be used: "
                        + e.getMessage(), e);
            }
        }

        /** The {@code trust:} block over {@link TrustSettings#defaults()}. */
        private TrustSettings trust(JobSpec.Trust t) throws JobFileException {
            TrustSettings trust = TrustSettings.defaults();
            if (t == null) {
                return trust;
            }
            if (t.detectLanguage() != null) {
                trust = trust.withDetectLanguage(t.detectLanguage());
            }
            if (t.secondTry() != null) {
                trust = trust.withSecondTry(t.secondTry());
            }
            if (t.minConfidence() != null) {
                double min = t.minConfidence();
                if (!(min <= 0)) {
                    throw error("trust.min_confidence", "is a log-probability per output token: it must be a number at most 0 "
                            + "(default " + trust.minConfidence() + "; lower flags fewer sentences), but is " + min + ".");
                }
                trust = trust.withMinConfidence(min);
            }
            Map<String, Object> second = t.secondTrySettings();
            if (second != null) {
                if (!trust.secondTry()) {
                    throw error("trust.second_try_settings", "is given but trust.second_try is false; drop one of them.");
                }
                for (Map.Entry<String, Object> e : second.entrySet()) {
                    if (!GenerationConfig.KEYS.contains(e.getKey())) {
                        throw error("trust.second_try_settings." + e.getKey(), "is not a generation setting; allowed: "
                                + GenerationConfig.KEYS.stream().sorted().toList() + ".");
                    }
                    if (e.getValue() == null) {
                        throw error("trust.second_try_settings." + e.getKey(), "has no value; give one or leave the key out.");
                    }
                }
                // Values are checked against the model when it is loaded, as generation's are.
                trust = trust.withSecondTrySettings(second);
            }
            return trust;
        }

        /**
         * {@code true} and {@code html} give html, {@code md} gives md, {@code false} and absent none; a
         * mapping gives its {@code format}, html when it names none.
         */
        private String digestFormat(Object value) throws JobFileException {
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    if (!DIGEST_KEYS.contains(key)) {
                        throw error("outputs.digest." + key, "is not a digest setting; allowed: " + DIGEST_KEYS + ".");
                    }
                }
                Object format = map.containsKey("format") ? map.get("format") : "html";
                if (!"html".equals(format) && !"md".equals(format)) {
                    throw error("outputs.digest.format", "must be html or md, but is " + format + ".");
                }
                return (String) format;
            }
            if (value == null || Boolean.FALSE.equals(value)) {
                return null;
            }
            if (Boolean.TRUE.equals(value) || "html".equals(value)) {
                return "html";
            }
            if ("md".equals(value)) {
                return "md";
            }
            throw error("outputs.digest", "must be true, false, html, md, or a mapping {format: html|md, suspect: mark|omit}, "
                    + "but is " + value + ".");
        }

        /** {@code outputs.digest.suspect}: mark (the default, also for the short forms of outputs.digest) or omit. */
        private SuspectSentences digestSuspects(Object value) throws JobFileException {
            if (!(value instanceof Map<?, ?> map) || map.get("suspect") == null) {
                return SuspectSentences.MARK;
            }
            Object suspect = map.get("suspect");
            try {
                return SuspectSentences.parse(String.valueOf(suspect));
            } catch (IllegalArgumentException e) {
                throw error("outputs.digest.suspect", "must be mark (show suspect sentences with a marker and their reasons) "
                        + "or omit (leave them out of the digest), but is " + suspect + ".");
            }
        }

        private String defaultName() {
            String fileName = file.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            return dot > 0 ? fileName.substring(0, dot) : fileName;
        }

        private void checkModel(String key, String ref, String resolved) throws JobFileException {
            if (Files.isDirectory(Path.of(resolved))) {
                return;
            }
            if (looksLikePath(ref) || !ModelId.looksLikeId(ref)) {
                // Looks like a folder: say that it is missing rather than try the hub.
                throw error(key, "'" + ref + "' names a folder that does not exist (" + Path.of(resolved).toAbsolutePath().normalize()
                        + "; paths in a job file are relative to the job file's folder, " + (file.getParent() == null ? "."
                        : file.getParent().toString()) + "). Give a checkpoint folder or a hub id (org/name[@revision]).");
            }
            try {
                // A nightly job must translate tonight as it did last night: a branch or tag (or no
                // revision, meaning main) is resolved once and kept in the job's lock file (ModelLocks).
                ModelId.parse(ref);
            } catch (IllegalArgumentException e) {
                throw error(key, "'" + ref + "' is not a valid hub id: " + e.getMessage());
            }
        }

        private TranslationSettings batching(JobSpec.Batching b) throws JobFileException {
            int tokens = b == null || b.batchTokens() == null ? TranslationSettings.DEFAULT_BATCH_TOKENS : b.batchTokens();
            int sentences = b == null || b.batchSentences() == null ? TranslationSettings.DEFAULT_BATCH_SENTENCES
                    : b.batchSentences();
            int maxInput = b == null || b.maxInputTokens() == null ? 0 : b.maxInputTokens();
            if (tokens < 1) {
                throw error("batching.batch_tokens", "must be at least 1, but is " + tokens + ".");
            }
            if (sentences < 1) {
                throw error("batching.batch_sentences", "must be at least 1, but is " + sentences + ".");
            }
            if (maxInput < 0) {
                throw error("batching.max_input_tokens", "must be at least 1, or 0 for the model's own, but is "
                        + maxInput + ".");
            }
            return TranslationSettings.of(tokens, sentences, maxInput);
        }

        private List<InputSpec> inputs(List<JobSpec.Input> inputs) throws JobFileException {
            if (inputs == null || inputs.isEmpty()) {
                throw error("inputs", "is required: a list of at least one input with a path.");
            }
            List<InputSpec> specs = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                JobSpec.Input in = inputs.get(i);
                String key = "inputs[" + i + "]";
                if (in == null || in.path() == null || in.path().isBlank()) {
                    throw error(key + ".path", "is required: a file, a folder or a glob.");
                }
                InputFormat format;
                DateOrder order;
                CsvLayout csv;
                try {
                    format = in.format() == null ? InputFormat.AUTO : InputFormat.fromName(in.format());
                } catch (IllegalArgumentException e) {
                    throw error(key + ".format", "has " + e.getMessage() + ".");
                }
                try {
                    order = in.dateOrder() == null ? DateOrder.AUTO : DateOrder.fromName(in.dateOrder());
                } catch (IllegalArgumentException e) {
                    throw error(key + ".date_order", "has " + e.getMessage() + ".");
                }
                csv = new CsvLayout(delimiter(key, in.csvDelimiter()), header(key, in.csvHeader()));
                JobSpec.Fields f = in.fields();
                FieldMapping fields = f == null ? FieldMapping.auto()
                        : new FieldMapping(f.id(), f.title(), f.body(), f.date(), f.url(), f.category());
                if (InputSpec.of(in.path().strip()).isUri()) {
                    // hdfs://, s3a://, file://...: listed and read by the Spark runner's file system, not here.
                    specs.add(new InputSpec(in.path().strip(), format, in.include(), in.exclude(), fields, csv, order,
                            in.path().strip(), null));
                    continue;
                }
                for (Path match : expand(key + ".path", relative(in.path()))) {
                    specs.add(new InputSpec(match.toString(), format, in.include(), in.exclude(), fields, csv, order, in.path().strip(),
                            null));
                }
            }
            return specs;
        }

        private Character delimiter(String key, String value) throws JobFileException {
            if (value == null) {
                return null;
            }
            if (value.equalsIgnoreCase("tab") || value.equals("\t")) {
                return '\t';
            }
            if (value.length() != 1 || value.equals("\"")) {
                throw error(key + ".csv_delimiter", "must be one character other than a quote, or tab, but is '"
                        + value + "'.");
            }
            return value.charAt(0);
        }

        private CsvLayout.Header header(String key, String value) throws JobFileException {
            if (value == null) {
                return CsvLayout.Header.AUTO;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> CsvLayout.Header.AUTO;
                case "yes" -> CsvLayout.Header.PRESENT;
                case "no" -> CsvLayout.Header.ABSENT;
                default -> throw error(key + ".csv_header", "must be auto, yes or no, but is '" + value + "'.");
            };
        }

        /** A plain path must exist; a glob must match at least one file, so a typo is not a silent empty night. */
        private List<Path> expand(String key, String pattern) throws JobFileException {
            if (!isGlob(pattern)) {
                Path path = Path.of(pattern);
                if (!Files.exists(path)) {
                    throw error(key, "'" + pattern + "' does not exist.");
                }
                return List.of(path);
            }
            Path base = Path.of(".");
            String[] parts = pattern.split("/", -1);
            int k = 0;
            StringBuilder prefix = new StringBuilder(pattern.startsWith("/") ? "/" : "");
            for (; k < parts.length - 1 && !isGlob(parts[k]); k++) {
                if (!parts[k].isEmpty()) {
                    prefix.append(parts[k]).append('/');
                }
            }
            if (!prefix.isEmpty()) {
                base = Path.of(prefix.toString());
            }
            if (!Files.isDirectory(base)) {
                throw error(key, "'" + pattern + "' starts in folder '" + base + "', which does not exist.");
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + String.join("/",
                    java.util.Arrays.copyOfRange(parts, k, parts.length)));
            Path root = base;
            List<Path> matches;
            try (Stream<Path> files = Files.walk(base)) {
                matches = files.filter(Files::isRegularFile)
                        .filter(p -> matcher.matches(root.relativize(p)))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw error(key, "'" + pattern + "' cannot be listed: " + e.getMessage());
            }
            if (matches.isEmpty()) {
                throw error(key, "'" + pattern + "' matches no file.");
            }
            return matches;
        }

        private static boolean isGlob(String text) {
            return text.contains("*") || text.contains("?") || text.contains("[") || text.contains("{");
        }
    }
}
