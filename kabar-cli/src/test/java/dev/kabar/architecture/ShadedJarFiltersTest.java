package dev.kabar.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.pemistahl.lingua.api.LanguageDetector;
import dev.kabar.lang.SentenceLanguageDetector;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shade filters that keep Lingua's 80 MB of models and fastutil's 23 MB out of
 * target/kabar.jar and kabar-spark.jar (kabar-cli/pom.xml and kabar-spark/pom.xml) still keep what
 * kabar needs: the models of every language {@link SentenceLanguageDetector} asks for, and every
 * fastutil class that Lingua's classes reach.
 */
class ShadedJarFiltersTest {

    private static final List<Path> POMS = List.of(Path.of("kabar-cli/pom.xml"), Path.of("kabar-spark/pom.xml"));
    private static final Pattern FASTUTIL_NAME = Pattern.compile("it/unimi/dsi/fastutil/[A-Za-z0-9_/$]+");

    @Test
    void theJarsKeepTheModelsOfExactlyTheLanguagesAskedFor() throws Exception {
        Set<String> asked = SentenceLanguageDetector.LINGUA_LANGUAGES.stream()
                .map(l -> l.getIsoCode639_1().name().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        for (String code : asked) {
            assertNotNull(LanguageDetector.class.getResource("/language-models/" + code + "/trigrams.json"),
                    "Lingua's jar has no language-models/" + code + "/: its layout changed.");
        }
        for (Path pom : POMS) {
            List<String> includes = filter(pom, "com.github.pemistahl:lingua", "includes");
            Set<String> kept = new TreeSet<>();
            for (String include : includes) {
                Matcher m = Pattern.compile("language-models/([a-z]+)/\\*\\*").matcher(include);
                if (m.matches()) {
                    kept.add(m.group(1));
                } else {
                    assertFalse(include.startsWith("language-models"), pom + ": an include that keeps models "
                            + "of no single language: " + include);
                }
            }
            assertEquals(asked, kept, pom + " must keep the models of SentenceLanguageDetector.LINGUA_LANGUAGES "
                    + SentenceLanguageDetector.LINGUA_LANGUAGES + " and no others.");
            assertTrue(includes.contains("com/**"), pom + " must keep Lingua's classes (com/**).");
        }
    }

    @Test
    void noFastutilClassThatLinguaReachesIsExcluded() throws Exception {
        Set<String> reached = fastutilClassesReachedByLingua();
        // Object2FloatOpenHashMap's own interfaces, functions, sets and iterators: several hundred.
        assertTrue(reached.contains("it/unimi/dsi/fastutil/objects/Object2FloatOpenHashMap"), reached.toString());
        assertTrue(reached.size() > 100, reached.size() + " classes");
        for (Path pom : POMS) {
            List<String> excludes = filter(pom, "it.unimi.dsi:fastutil", "excludes");
            assertFalse(excludes.isEmpty(), pom + " has no fastutil excludes");
            for (String exclude : excludes) {
                Pattern p = antPattern(exclude);
                for (String name : reached) {
                    if (p.matcher(name + ".class").matches()) {
                        fail(pom + ": the fastutil exclude " + exclude + " removes " + name
                                + ", which Lingua reaches; narrow the pattern.");
                    }
                }
            }
        }
    }

    @Test
    void antPatternsMatchAsShadeMatchesThem() {
        assertTrue(antPattern("it/unimi/dsi/fastutil/*/*AVLTree*").matcher("it/unimi/dsi/fastutil/ints/Int2IntAVLTreeMap$Entry.class").matches());
        assertFalse(antPattern("it/unimi/dsi/fastutil/*/*AVLTree*").matcher("it/unimi/dsi/fastutil/ints/sub/IntAVLTreeSet.class").matches());
        assertTrue(antPattern("it/unimi/dsi/fastutil/io/**").matcher("it/unimi/dsi/fastutil/io/a/B.class").matches());
    }

    /** The classes of the Lingua jar, and from them every fastutil class reachable through constant pools. */
    private static Set<String> fastutilClassesReachedByLingua() throws IOException {
        Path linguaJar;
        try {
            linguaJar = Path.of(LanguageDetector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Deque<String> pending = new ArrayDeque<>();
        try (JarFile jar = new JarFile(linguaJar.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        pending.addAll(fastutilNames(in.readAllBytes()));
                    }
                }
            }
        }
        Set<String> reached = new TreeSet<>();
        ClassLoader loader = ShadedJarFiltersTest.class.getClassLoader();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!reached.add(name)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    reached.remove(name); // a package prefix or a string, not a class
                    continue;
                }
                pending.addAll(fastutilNames(in.readAllBytes()));
            }
        }
        return reached;
    }

    /** The fastutil names in a class file's constant pool (class references and descriptors). */
    private static List<String> fastutilNames(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("Not a class file.");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    Matcher m = FASTUTIL_NAME.matcher(in.readUTF());
                    while (m.find()) {
                        names.add(m.group());
                    }
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // longs and doubles take two slots
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("Unknown constant pool tag " + tag + ".");
            }
        }
        return names;
    }

    /** Shade's pattern syntax (plexus SelectorUtils): {@code **} any folders, {@code *} and {@code ?} within one name. */
    static Pattern antPattern(String pattern) {
        StringBuilder rx = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**", i)) {
                rx.append(".*");
                i++;
            } else if (c == '*') {
                rx.append("[^/]*");
            } else if (c == '?') {
                rx.append("[^/]");
            } else {
                rx.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(rx.toString());
    }

    /** The include or exclude patterns of the shade filter for one artifact; fails when there is none. */
    private static List<String> filter(Path pom, String artifact, String kind) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom.toAbsolutePath() + " is missing; the tests run from the repository root.");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList filters = doc.getElementsByTagName("filter");
        for (int i = 0; i < filters.getLength(); i++) {
            Element f = (Element) filters.item(i);
            if (artifact.equals(f.getElementsByTagName("artifact").item(0).getTextContent().strip())) {
                List<String> patterns = new ArrayList<>();
                NodeList lists = f.getElementsByTagName(kind);
                if (lists.getLength() > 0) {
                    NodeList items = ((Element) lists.item(0)).getElementsByTagName(kind.substring(0, kind.length() - 1));
                    for (int k = 0; k < items.getLength(); k++) {
                        patterns.add(items.item(k).getTextContent().strip());
                    }
                }
                return patterns;
            }
        }
        fail(pom + " has no shade filter for " + artifact + ".");
        return List.of();
    }
}
