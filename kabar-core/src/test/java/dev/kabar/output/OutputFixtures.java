package dev.kabar.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kabar.article.Article;
import dev.kabar.pipeline.ArticleStats;
import dev.kabar.pipeline.Attempt;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.SentenceTrust;
import dev.kabar.pipeline.TermUse;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustAction;
import dev.kabar.trust.Reason;
import dev.kabar.trust.ReasonCode;
import dev.kabar.trust.Verdict;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Translated articles written by hand, with the characters that CSV and JSON must escape. */
final class OutputFixtures {

    private OutputFixtures() {
    }

    /** An article whose texts hold quotes, commas, a line break and non-ASCII letters. */
    static TranslatedArticle tricky() {
        Article article = Article.builder().id("a-1").origin("in/berita, \"satu\".txt").url("https://contoh.id/a?x=1,2")
                .title("Harga \"beras\" naik, kata pedagang").date("2024-11-22T17:38+07:00").dateline("Jum'at, 22/11/2024 17:38 WIB")
                .lead("JAKARTA, Contoh").paragraph("p1").paragraph("p2").caption("Foto: pasar").sourceCredit("AFP").publisher("contoh.id")
                .keyword("ekonomi").category("Ekonomi").dropped("Baca Juga: lain").dropped("ADVERTISEMENT").warning("date assumed WIB")
                .build();
        return new TranslatedArticle(article,
                new SentencePair("Harga \"beras\" naik, kata pedagang", "Rice \"prices\" rise, traders say", false),
                List.of(
                        List.of(new SentencePair("Kalimat satu, dengan koma.", "Sentence one, with a comma.", false),
                                new SentencePair("Baris\npatah \"kutip\".", "Line\nbreak \"quote\".", true)),
                        List.of(new SentencePair("Café di pojok.", "Café at the corner.", false))),
                new ArticleStats(4, 1, 0, 30, 28, 12_345_678), List.of("date assumed WIB"), null);
    }

    /** An article that failed during translation. */
    static TranslatedArticle failed() {
        Article article = Article.builder().id("b-2").origin("in/dua.csv#row 3").title("Judul dua").paragraph("Satu.")
                .build();
        return new TranslatedArticle(article, new SentencePair("Judul dua", null, false),
                List.of(List.of(new SentencePair("Satu.", null, false))), ArticleStats.none(), List.of(),
                "sentence 1 of paragraph 1 could not be translated: boom");
    }

    /** A plain article without a title. */
    static TranslatedArticle untitled() {
        Article article = Article.builder().id("c-3").origin("stdin#line 4").paragraph("Halo.").build();
        return new TranslatedArticle(article, null, List.of(List.of(new SentencePair("Halo.", "Hello.", false))),
                new ArticleStats(1, 0, 1, 2, 2, 0), List.of(), null);
    }

    /**
     * An article whose pairs carry every kind of trust: an ok title, a second try kept, an English
     * quote passed through, a sentence flagged for two reasons, and a second try that lost to the
     * first and is still suspect. Four sentences checked, two suspect: mixed.
     */
    static TranslatedArticle trusted() {
        Article article = Article.builder().id("t-9").origin("in/sembilan.txt").url("https://contoh.id/t9")
                .title("Harga naik 15 persen").date("2024-11-22").publisher("contoh.id").paragraph("p1").paragraph("p2").build();
        Verdict numbers = suspect(new Reason(ReasonCode.NUMBERS, "number 15 missing"));
        SentencePair title = new SentencePair("Harga naik 15 persen", "Prices rise 15 percent", false,
                new SentenceTrust("id", true, -0.41234, Verdict.OK, TrustAction.NONE, List.of()));
        SentencePair secondKept = new SentencePair("Ada 15 pedagang.", "There were 15 traders.", false,
                new SentenceTrust("id", true, -0.5, Verdict.OK, TrustAction.SECOND_TRY_KEPT_SECOND, List.of(
                        new Attempt(Attempt.FIRST, "There were traders traders traders.", -2.0004, numbers),
                        new Attempt(Attempt.SECOND, "There were 15 traders.", -0.5, Verdict.OK))));
        SentencePair english = new SentencePair("\"We are ready,\" he said.", "\"We are ready,\" he said.", false,
                SentenceTrust.passedThrough("en"));
        SentencePair flagged = new SentencePair("Pasar ramai sekali.", "The the the the market.", false,
                new SentenceTrust("id", true, -2.34567, suspect(new Reason(ReasonCode.REPETITION, "\"the\" repeated 4 times"),
                        new Reason(ReasonCode.LOW_CONFIDENCE, "confidence -2.35 below -1.5")), TrustAction.FLAGGED, List.of()));
        SentencePair keptFirst = new SentencePair("Naik 15 persen.", "Up percent.", false,
                new SentenceTrust("id", true, -1.2, numbers, TrustAction.SECOND_TRY_KEPT_FIRST, List.of(
                        new Attempt(Attempt.FIRST, "Up percent.", -1.2, numbers),
                        new Attempt(Attempt.SECOND, "Up up percent percent.", null, suspect(
                                new Reason(ReasonCode.NUMBERS, "number 15 missing"),
                                new Reason(ReasonCode.REPETITION, "\"up\" repeated 2 times"))))));
        return new TranslatedArticle(article, title, List.of(List.of(secondKept, english), List.of(flagged, keptFirst)),
                new ArticleStats(5, 0, 0, 40, 38, 2_000_000), List.of(), null);
    }

    /**
     * An article translated with a glossary: the title met through an alternative, a sentence with
     * one term missed and one met, a sentence without terms, and a kept name. Four term uses, three met.
     */
    static TranslatedArticle glossed() {
        Article article = Article.builder().id("g-7").origin("in/tujuh.txt").url("https://contoh.id/g7")
                .title("Kemenhan bantah kabar itu").date("2024-11-22").paragraph("p1").paragraph("p2").build();
        SentencePair title = new SentencePair("Kemenhan bantah kabar itu", "Defence Ministry denies the report", false,
                new SentenceTrust("id", true, -0.3, Verdict.OK, TrustAction.NONE, List.of()),
                List.of(new TermUse("Kemenhan", List.of("Ministry of Defence", "Defence Ministry"), false, true,
                        "Defence Ministry")));
        SentencePair twoTerms = new SentencePair("Polri dan TNI berjaga.", "Police and the TNI stand guard.", false,
                new SentenceTrust("id", true, -0.6, Verdict.OK, TrustAction.NONE, List.of()),
                List.of(new TermUse("Polri", List.of("National Police"), false, false, null),
                        new TermUse("TNI", List.of("Indonesian Armed Forces", "TNI"), false, true, "TNI")));
        SentencePair none = new SentencePair("Tidak ada istilah di sini.", "There is no term here.", false,
                new SentenceTrust("id", true, -0.4, Verdict.OK, TrustAction.NONE, List.of()));
        SentencePair kept = new SentencePair("Prabowo Subianto hadir.", "Prabowo Subianto attended.", false,
                new SentenceTrust("id", true, -0.2, Verdict.OK, TrustAction.NONE, List.of()),
                List.of(new TermUse("Prabowo Subianto", List.of("Prabowo Subianto"), true, true, "Prabowo Subianto")));
        return new TranslatedArticle(article, title, List.of(List.of(twoTerms, none), List.of(kept)),
                new ArticleStats(4, 0, 0, 30, 28, 1_000_000), List.of(), null);
    }

    static Verdict suspect(Reason... reasons) {
        return Verdict.of(List.of(reasons));
    }

    /** Writes the articles with {@code writer}, finishes it, and returns what it wrote to {@code out}. */
    static String write(ArticleWriter writer, StringWriter out, TranslatedArticle... articles) throws IOException {
        for (TranslatedArticle article : articles) {
            writer.write(article);
        }
        writer.finish();
        return out.toString();
    }

    /** The records of a CSV text with a header row. */
    static List<CSVRecord> parseCsv(String text) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return parser.getRecords();
        }
    }

    /** The JSONL document of one article. */
    static JsonNode jsonl(TranslatedArticle article) throws IOException {
        StringWriter out = new StringWriter();
        return new ObjectMapper().readTree(write(new JsonArticleWriter(out, true), out, article));
    }
}
