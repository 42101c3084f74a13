package dev.kabar.output;

import dev.kabar.article.Article;
import dev.kabar.pipeline.ArticleStats;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.TranslatedArticle;
import java.util.List;

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
}
