package dev.kabar.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlossaryReadTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsCsvWithEveryColumn() throws Exception {
        Path file = write("terms.csv", """
                id,en,alternatives,case_sensitive,whole_word,affixes,keep,note
                Kemenhan,Ministry of Defence,Defence Ministry|Ministry  of Defense,,,TRUE,,a note
                DPR,House of Representatives,,true,,,,
                "Dewan   Perwakilan Rakyat","House of Representatives, Indonesia",,,false,,,
                Prabowo Subianto,,,,,,true,
                """);
        Glossary glossary = Glossary.read(file);
        assertEquals(Glossary.Format.CSV, glossary.format());
        assertEquals("by the .csv extension", glossary.formatReason());
        List<GlossaryTerm> terms = glossary.terms();
        assertEquals(4, terms.size());
        assertEquals(new GlossaryTerm("Kemenhan", "Ministry of Defence",
                List.of("Defence Ministry", "Ministry of Defense"), false, true, true, false, 2), terms.get(0));
        assertEquals(new GlossaryTerm("DPR", "House of Representatives", List.of(), true, true, false, false, 3),
                terms.get(1));
        assertEquals(new GlossaryTerm("Dewan Perwakilan Rakyat", "House of Representatives, Indonesia", List.of(),
                false, false, false, false, 4), terms.get(2));
        assertEquals(new GlossaryTerm("Prabowo Subianto", "", List.of(), false, true, false, true, 5), terms.get(3));
        assertEquals(List.of("Ministry of Defence", "Defence Ministry", "Ministry of Defense"),
                terms.get(0).renderings());
    }

    @Test
    void readsTsvWithoutQuoting() throws Exception {
        Path file = write("terms.tsv", "id\ten\talternatives\n"
                + "Polri\tNational Police\t\"the\" police|Indonesian National Police\n"
                + "Kemenhan\tMinistry of Defence\n");
        Glossary glossary = Glossary.read(file);
        assertEquals(Glossary.Format.TSV, glossary.format());
        assertEquals(List.of("National Police", "\"the\" police", "Indonesian National Police"),
                glossary.terms().get(0).renderings());
        assertEquals("Kemenhan", glossary.terms().get(1).id());
        assertEquals(3, glossary.terms().get(1).line());
    }

    @Test
    void sniffsTheFormatOfOtherExtensionsFromTheHeaderLine() throws Exception {
        Glossary tsv = Glossary.read(write("terms.txt", "# comment, with a comma\nid\ten\nPolri\tNational Police, the\n"));
        assertEquals(Glossary.Format.TSV, tsv.format());
        assertEquals("a tab in the header line", tsv.formatReason());
        assertEquals("National Police, the", tsv.terms().get(0).english());
        Glossary csv = Glossary.read(write("terms", "id,en\nPolri,National Police\n"));
        assertEquals(Glossary.Format.CSV, csv.format());
        assertEquals("no tab in the header line", csv.formatReason());
        assertTrue(csv.toString().contains("1 terms from") && csv.toString().contains("CSV"), csv.toString());
    }

    @Test
    void toleratesAByteOrderMarkCrLfCommentsBlankRowsAndShortRows() throws Exception {
        Path file = write("terms.csv", "\uFEFFId , EN ,keep\r\n# comment\r\n\r\nPolri,National Police\r\n,,\r\n"
                + "Gojek,,true\r\n");
        Glossary glossary = Glossary.read(file);
        assertEquals(2, glossary.terms().size());
        assertEquals(4, glossary.terms().get(0).line());
        assertEquals(6, glossary.terms().get(1).line());
        assertTrue(glossary.terms().get(1).keep());
    }

    @Test
    void linesCountAfterAMultiLineQuotedCell() throws Exception {
        Path file = write("terms.csv", "id,en,note\nPolri,National Police,\"two\nlines\"\nDPR,House,x\nTNI,,\n");
        GlossaryException e = assertThrows(GlossaryException.class, () -> Glossary.read(file));
        assertEquals(5, e.line(), e.getMessage());
        assertEquals("en", e.column());
    }

    @Test
    void dropsARowThatRepeatsATermExactly() throws Exception {
        Path file = write("terms.csv", "id,en\nPolri,National Police\nPOLRI,National Police\nDPR,House\n");
        Glossary glossary = Glossary.read(file);
        assertEquals(List.of("Polri", "DPR"), glossary.terms().stream().map(GlossaryTerm::id).toList());
    }

    @Test
    void keepsTermsThatDifferOnlyInCaseWhenBothAreCaseSensitive() throws Exception {
        Path file = write("terms.csv", "id,en,case_sensitive\nAS,United States,true\nAs,Axle,true\n");
        assertEquals(2, Glossary.read(file).terms().size());
    }

    @Test
    void readsTheExampleFileOfTheDocs() throws Exception {
        Glossary glossary = Glossary.read(Path.of("data/glossary-example.csv"));
        List<String> ids = glossary.terms().stream().map(GlossaryTerm::id).toList();
        assertTrue(ids.containsAll(List.of("Kemenhan", "Polri", "DPR", "Dewan Perwakilan Rakyat", "Prabowo Subianto")),
                ids.toString());
        assertTrue(glossary.terms().stream().anyMatch(GlossaryTerm::keep));
        assertTrue(glossary.terms().stream().anyMatch(t -> !t.alternatives().isEmpty()));
    }

    /** A faulty file, the line and column the exception must name, and words its message must hold. */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("empty file", "terms.csv", "", 0, null, List.of("is empty", "header")),
                Arguments.of("header only", "terms.csv", "id,en\n", 0, null, List.of("no terms", "Add one row")),
                Arguments.of("misspelt column", "terms.csv", "id,en,altenatives\nPolri,Police,x\n", 1, "altenatives",
                        List.of("'altenatives' is not a column", "alternatives", "fix the spelling")),
                Arguments.of("no header", "terms.csv", "Kemenhan,Ministry of Defence\n", 1, "kemenhan",
                        List.of("must be a header", "found 'Kemenhan,Ministry of Defence'")),
                Arguments.of("no en column", "terms.csv", "id,alternatives\nPolri,x\n", 1, "en",
                        List.of("no 'en' column", "id,en,alternatives")),
                Arguments.of("column twice", "terms.csv", "id,en,EN\nPolri,x,y\n", 1, "en",
                        List.of("names 'en' twice", "Delete one")),
                Arguments.of("nameless column", "terms.csv", "id,en,\nPolri,x,\n", 1, null,
                        List.of("header column 3 has no name", "delete the column")),
                Arguments.of("too many cells", "terms.csv", "id,en\nid,x\nKemenhan,Ministry of Defence, Indonesia\n", 3,
                        null, List.of("3 cells", "names 2 columns", "Quote a cell")),
                Arguments.of("empty id", "terms.csv", "id,en\nPolri,National Police\n ,House\n", 3, "id",
                        List.of("Indonesian term is empty", "delete the row")),
                Arguments.of("id without letters", "terms.csv", "id,en\n--,x\n", 2, "id",
                        List.of("holds no letter or digit")),
                Arguments.of("id in brackets", "terms.csv", "id,en\n(BSSN),National Cyber Agency\n", 2, "id",
                        List.of("starts with '('", "BSSN, not (BSSN)")),
                Arguments.of("id ending in a stop", "terms.csv", "id,en\nPT.,Ltd\n", 2, "id", List.of("ends with '.'")),
                Arguments.of("bad boolean", "terms.csv", "id,en,case_sensitive\nPolri,National Police,ya\n", 2,
                        "case_sensitive", List.of("expected true or false, found 'ya'", "default (false)")),
                Arguments.of("bad boolean with default true", "terms.tsv", "id\ten\twhole_word\nPolri\tPolice\t1\n", 2,
                        "whole_word", List.of("found '1'", "default (true)")),
                Arguments.of("kept with English", "terms.csv", "id,en,keep\nGojek,Go-Jek,true\n", 2, "en",
                        List.of("is kept", "en must be empty", "Clear en")),
                Arguments.of("kept with alternatives", "terms.csv", "id,en,alternatives,keep\nGojek,,GoJek,true\n", 2,
                        "alternatives", List.of("is kept", "Clear alternatives")),
                Arguments.of("no English", "terms.csv", "id,en\nPolri,\n", 2, "en",
                        List.of("English of 'Polri' is empty", "set keep to true", "needs a keep column")),
                Arguments.of("empty alternative", "terms.csv", "id,en,alternatives\nPolri,Police,a||b\n", 2,
                        "alternatives", List.of("alternative of 'Polri' is empty", "single |")),
                Arguments.of("affixes inside words", "terms.csv", "id,en,whole_word,affixes\nPolri,Police,false,true\n",
                        2, "affixes", List.of("affixes is true but whole_word is false")),
                Arguments.of("same term, other English", "terms.csv",
                        "id,en\nDPR,House of Representatives\nPolri,Police\ndpr,Parliament\n", 4, "en",
                        List.of("already on line 2", "'House of Representatives' there, 'Parliament' here",
                                "alternatives of the first")),
                Arguments.of("same term, other settings", "terms.csv",
                        "id,en,affixes\nDPR,House,\nDPR,House,true\n", 3, "affixes",
                        List.of("already on line 2", "affixes 'false' there, 'true' here")),
                Arguments.of("ids that match the same text", "terms.csv",
                        "id,en,case_sensitive\nAS,United States,true\nas,United States,true\nAs,United States,\n", 4,
                        "case_sensitive", List.of("already on line 2", "case_sensitive 'true' there, 'false' here")),
                Arguments.of("unclosed quote", "terms.csv", "id,en\nPolri,\"National Police\nDPR,House\n", 2, null,
                        List.of("cannot be split into cells", "not closed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void namesFileLineColumnAndWhatToDo(String what, String name, String content, int line, String column,
            List<String> words) throws IOException {
        Path file = write(name, content);
        GlossaryException e = assertThrows(GlossaryException.class, () -> Glossary.read(file));
        String message = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(message.contains(file.toString()), message);
        assertEquals(line, e.line(), message);
        if (line > 0) {
            assertTrue(message.contains(" line " + line), message);
        }
        assertEquals(column, e.column(), message);
        if (column != null) {
            assertTrue(message.contains("column " + column), message);
        }
        for (String word : words) {
            assertTrue(message.contains(word), () -> "'" + word + "' missing from: " + message);
        }
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingTheLine() throws IOException {
        Path file = dir.resolve("terms.csv");
        byte[] latin1 = "id,en\nPolri,Police\nKementerian Pertahanan,D\u00e9fense\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        GlossaryException e = assertThrows(GlossaryException.class, () -> Glossary.read(file));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("is not UTF-8") && e.getMessage().contains("Save the term list as UTF-8"),
                e.getMessage());
    }

    @Test
    void refusesAMissingFileNamingIt() {
        Path file = dir.resolve("nope.csv");
        GlossaryException e = assertThrows(GlossaryException.class, () -> Glossary.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("Check the path"),
                e.getMessage());
        assertEquals(0, e.line());
        assertFalse(e.getCause() == null);
    }

    @Test
    void glossaryOfRefusesATermSaidTwiceDifferently() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Glossary.of(List.of(GlossaryTerm.of("DPR", "House"), GlossaryTerm.of("dpr", "Parliament"))));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        assertEquals(1, Glossary.of(List.of(GlossaryTerm.of("DPR", "House"), GlossaryTerm.of("DPR", "House")))
                .terms().size());
    }
}
