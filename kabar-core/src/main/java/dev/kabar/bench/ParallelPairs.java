package dev.kabar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Indonesian-English sentence pairs of the shared corpus ({@code ../shared/corpus/parallel})
 * that the trust checks are calibrated and measured on. The text is read where it lies, at bench
 * and test time; none of it is copied into the project (guntara-news is research/testing only).
 */
public final class ParallelPairs {

    /**
     * One human translation.
     *
     * @param indonesian the source sentence
     * @param english its reference translation
     */
    public record Pair(String indonesian, String english) {
    }

    private ParallelPairs() {
    }

    /**
     * The guntara-news pairs of one split (Guntara et al. 2020): line N of {@code news.<split>.id}
     * against line N of {@code news.<split>.en}, pairs with a blank side left out.
     *
     * @param corpus the shared corpus folder
     * @param split {@code valid} or {@code test}
     * @throws IOException when a file cannot be read or the two sides differ in length
     */
    public static List<Pair> guntara(Path corpus, String split) throws IOException {
        Path dir = corpus.resolve("parallel").resolve("guntara-news");
        Path idFile = dir.resolve("news." + split + ".id");
        Path enFile = dir.resolve("news." + split + ".en");
        List<String> id = lines(idFile);
        List<String> en = lines(enFile);
        if (id.size() != en.size()) {
            throw new IOException(idFile + " has " + id.size() + " lines but " + enFile + " has " + en.size()
                    + "; the two sides must be aligned line by line.");
        }
        List<Pair> pairs = new ArrayList<>(id.size());
        for (int i = 0; i < id.size(); i++) {
            if (!id.get(i).isBlank() && !en.get(i).isBlank()) {
                pairs.add(new Pair(id.get(i).strip(), en.get(i).strip()));
            }
        }
        return pairs;
    }

    /**
     * The TALPCo pairs (Nomoto et al. 2018): {@code data_ind.txt} and {@code data_eng.txt}, each
     * line {@code id<TAB>sentence}, joined on the id.
     *
     * @throws IOException when a file cannot be read or a line has no tab
     */
    public static List<Pair> talpco(Path corpus) throws IOException {
        Path dir = corpus.resolve("parallel").resolve("talpco");
        Map<String, String> id = byId(dir.resolve("data_ind.txt"));
        Map<String, String> en = byId(dir.resolve("data_eng.txt"));
        List<Pair> pairs = new ArrayList<>(id.size());
        for (Map.Entry<String, String> e : id.entrySet()) {
            String english = en.get(e.getKey());
            if (english != null && !english.isBlank() && !e.getValue().isBlank()) {
                pairs.add(new Pair(e.getValue(), english));
            }
        }
        return pairs;
    }

    /**
     * The Tatoeba pairs ({@code tatoeba/ind.txt}, lines {@code English<TAB>Indonesian<TAB>attribution}).
     *
     * @throws IOException when the file cannot be read or a line has fewer than two tabs
     */
    public static List<Pair> tatoeba(Path corpus) throws IOException {
        Path file = corpus.resolve("parallel").resolve("tatoeba").resolve("ind.txt");
        List<String> lines = lines(file);
        List<Pair> pairs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            if (fields.length < 3) {
                throw new IOException(file + " line " + (i + 1) + ": expected English, Indonesian and attribution "
                        + "separated by tabs, found " + fields.length + " fields.");
            }
            pairs.add(new Pair(fields[1].strip(), fields[0].strip()));
        }
        return pairs;
    }

    private static Map<String, String> byId(Path file) throws IOException {
        Map<String, String> byId = new LinkedHashMap<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IOException(file + " line " + (i + 1) + ": expected an id and a sentence separated by a tab.");
            }
            byId.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
        }
        return byId;
    }

    /** The file's lines, without a byte-order mark or carriage returns, and without a final empty line. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.toAbsolutePath() + " is missing; point the corpus folder at ../shared/corpus.");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(text.replace("\r", "").lines().toList());
        return lines;
    }
}
