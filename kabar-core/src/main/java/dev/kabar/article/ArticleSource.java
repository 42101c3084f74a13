package dev.kabar.article;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the articles of an {@link InputSpec}: a file, a folder (recursively, filtered by globs,
 * in sorted order so that runs are reproducible) or standard input, in any {@link InputFormat}.
 *
 * <p>Each file is decoded by {@link TextDecoder} and read by the {@link ArticleReader} of its
 * format. A file that cannot be read, is empty, binary or of unknown format becomes a
 * {@link ReadProblem} and the batch goes on; only an input that cannot be read at all throws
 * {@link InputException}. Files are read whole into memory. Thread-safe if its standard input is
 * not shared.
 */
public final class ArticleSource {

    private final NewsPageCleaner cleaner;
    private final InputStream stdin;
    private final Path anchor;
    private final List<Path> skippedFolders = new ArrayList<>();
    private final Set<Path> skippedNoted = new HashSet<>();

    /** Creates a source with the standard cleaner that reads {@code -} from {@link System#in}. */
    public ArticleSource() {
        this(new NewsPageCleaner(), System.in);
    }

    /** Creates a source with the given cleaner and standard input, anchored at the working directory. */
    public ArticleSource(NewsPageCleaner cleaner, InputStream stdin) {
        this(cleaner, stdin, Path.of(""));
    }

    /**
     * Creates a source whose files are known by their path relative to {@code anchor} (see
     * {@link InputText#key()}): a job anchors at its job file's folder, so its pages keep their
     * identity whatever the working directory of the run.
     */
    public ArticleSource(NewsPageCleaner cleaner, InputStream stdin, Path anchor) {
        this.cleaner = cleaner;
        this.stdin = stdin;
        this.anchor = anchor.toAbsolutePath().normalize();
    }

    /**
     * Leaves the files under {@code folder} out of every folder input that holds it, with one note:
     * a job's own output folder, which may sit inside one of its input folders.
     */
    public ArticleSource skipping(Path folder) {
        skippedFolders.add(folder.toAbsolutePath().normalize());
        return this;
    }

    /** The location key of a file: its path relative to the anchor, with {@code /} separators. */
    String keyOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path relative = absolute.getRoot() != null && absolute.getRoot().equals(anchor.getRoot())
                ? anchor.relativize(absolute) : absolute;
        return relative.toString().replace('\\', '/');
    }

    /**
     * Reads every article of the input.
     *
     * @throws InputException when the location does not exist, a folder cannot be listed or has no
     *     matching file, or standard input fails
     */
    public ReadResult read(InputSpec spec) throws InputException {
        if (spec.location().equals(InputSpec.STDIN)) {
            byte[] bytes;
            try {
                bytes = stdin.readAllBytes();
            } catch (IOException e) {
                throw new InputException("cannot read standard input: " + e.getMessage(), e);
            }
            InputFormat format = spec.format() == InputFormat.AUTO ? InputFormat.TEXT : spec.format();
            return readBytes(bytes, "stdin", null, format, spec, false);
        }
        Path location = Path.of(spec.location());
        if (Files.isDirectory(location)) {
            ReadResult result = ReadResult.empty();
            for (Path file : filesIn(location, spec.include(), spec.exclude())) {
                Path skip = skippedFolderOf(file, location);
                if (skip != null) {
                    if (skippedNoted.add(skip)) {
                        result = result.plus(ReadResult.note(skip.toString(), "left out: it is this job's output "
                                + "folder, and a job never reads its own output"));
                    }
                    continue;
                }
                result = result.plus(readFile(file, spec, true));
            }
            return result;
        }
        if (!Files.exists(location)) {
            throw new InputException("input '" + location + "' does not exist; give a file, a folder, or - for "
                    + "standard input");
        }
        return readFile(location, spec, false);
    }

    /**
     * Lists the regular files under a folder, recursively, that match an include glob (or all when
     * there is none) and no exclude glob, sorted by their path inside the folder. Hidden files and
     * folders (name starting with a dot) are left out.
     *
     * @throws InputException when the folder cannot be listed or no file matches
     */
    public static List<Path> filesIn(Path folder, List<String> include, List<String> exclude) throws InputException {
        List<Matcher> includes = matchers(include);
        List<Matcher> excludes = matchers(exclude);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path relative = folder.relativize(file);
                for (Path part : relative) {
                    if (part.toString().startsWith(".")) {
                        return;
                    }
                }
                boolean included = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relative));
                boolean excluded = excludes.stream().anyMatch(m -> m.matches(relative));
                if (included && !excluded) {
                    files.add(file);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot list folder '" + folder + "': " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException("folder '" + folder + "' has no file matching include " + include
                    + " and exclude " + exclude);
        }
        files.sort(Comparator.comparing(file -> folder.relativize(file).toString().replace('\\', '/')));
        return files;
    }

    /** A glob without '/' is matched against the file name, one with '/' against the relative path. */
    private record Matcher(PathMatcher matcher, boolean wholePath) {
        boolean matches(Path relative) {
            return matcher.matches(wholePath ? relative : relative.getFileName());
        }
    }

    private static List<Matcher> matchers(List<String> globs) throws InputException {
        List<Matcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            try {
                matchers.add(new Matcher(FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.contains("/")));
            } catch (IllegalArgumentException e) {
                throw new InputException("glob '" + glob + "' is not valid: " + e.getMessage(), e);
            }
        }
        return matchers;
    }

    /** The skipped folder {@code file} is in, when that folder lies strictly inside the input folder. */
    private Path skippedFolderOf(Path file, Path inputFolder) {
        Path absolute = file.toAbsolutePath().normalize();
        Path input = inputFolder.toAbsolutePath().normalize();
        for (Path folder : skippedFolders) {
            // An output folder that holds the input folder itself is no reason to leave the input out.
            if (absolute.startsWith(folder) && folder.startsWith(input) && !folder.equals(input)) {
                return folder;
            }
        }
        return null;
    }

    private ReadResult readFile(Path file, InputSpec spec, boolean listed) {
        String origin = file.toString();
        InputFormat format = spec.format();
        if (format == InputFormat.AUTO) {
            format = InputFormat.forFileName(file.getFileName().toString());
            if (format == null) {
                return ReadResult.problem(origin, null, "cannot tell the format from the file name; skipped it; "
                        + "give --format text|csv|json|jsonl|lines, or exclude the file");
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return ReadResult.problem(origin, null, "cannot read the file (" + e + "); skipped it; check that it "
                    + "exists and is readable");
        }
        return readBytes(bytes, origin, keyOf(file), format, spec, listed);
    }

    private ReadResult readBytes(byte[] bytes, String origin, String key, InputFormat format, InputSpec spec,
            boolean listed) {
        TextDecoder.Decoding decoding = TextDecoder.decode(bytes, origin);
        if (decoding.problem() != null) {
            return new ReadResult(List.of(), List.of(decoding.problem()));
        }
        InputText text = decoding.text().withKey(key);
        KabarOutput.Kind own = KabarOutput.kindOf(text.text(), format);
        if (own != null) {
            // Beside the pages it was made from, an earlier output would bring every article twice.
            return listed ? ReadResult.note(origin, "left out: it is kabar output (" + own.label() + "); give the "
                    + "file on its own to translate it again") : KabarOutput.read(text, own);
        }
        return readerFor(format, spec).read(text);
    }

    /**
     * Reads one file's bytes, already fetched by the caller (a Spark executor reading from HDFS or
     * S3), as {@link #read} reads a file given on its own: decoded, its format decided by its name
     * when the spec says auto, kabar's own outputs read back.
     *
     * @param origin the file's path or URI, for messages, origins and the format
     * @param key the file's location key (see {@link InputText#key()}), or null
     */
    public ReadResult readContent(byte[] bytes, String origin, String key, InputSpec spec) {
        InputFormat format = spec.format();
        if (format == InputFormat.AUTO) {
            String name = origin.substring(origin.lastIndexOf('/') + 1);
            format = InputFormat.forFileName(name);
            if (format == null) {
                return ReadResult.problem(origin, null, "cannot tell the format from the file name; skipped it; "
                        + "give the input a format, or exclude the file");
            }
        }
        return readBytes(bytes, origin, key, format, spec, false);
    }

    /** Returns the reader for a format, configured from the spec. */
    public ArticleReader readerFor(InputFormat format, InputSpec spec) {
        return switch (format) {
            case AUTO, TEXT -> new PageArticleReader(cleaner);
            case CSV -> new CsvArticleReader(spec.csv(), spec.fields(), spec.dateOrder(), spec.rememberedDateOrder(), cleaner);
            case JSON -> new JsonArticleReader(false, spec.fields(), spec.dateOrder(), spec.rememberedDateOrder(), cleaner);
            case JSONL -> new JsonArticleReader(true, spec.fields(), spec.dateOrder(), spec.rememberedDateOrder(), cleaner);
            case LINES -> new LineArticleReader();
        };
    }
}
