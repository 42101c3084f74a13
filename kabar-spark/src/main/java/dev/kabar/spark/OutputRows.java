package dev.kabar.spark;

import dev.kabar.job.JobRunner;
import dev.kabar.output.ArticleDocument;
import dev.kabar.output.JsonArticleWriter;
import dev.kabar.pipeline.TranslatedArticle;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a Spark run writes: flat columns for tables (Parquet), and the article's whole kabar
 * document, exactly as {@code kabar translate --format jsonl} writes it, for the JSONL output.
 * {@code content_hash} is what the next run's left-anti join skips done articles by.
 */
final class OutputRows {

    /** The columns, in order. */
    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("content_hash", DataTypes.StringType, false),
        DataTypes.createStructField("source_file", DataTypes.StringType, true),
        DataTypes.createStructField("url", DataTypes.StringType, true),
        DataTypes.createStructField("date", DataTypes.StringType, true),
        DataTypes.createStructField("publisher", DataTypes.StringType, true),
        DataTypes.createStructField("category", DataTypes.StringType, true),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
        DataTypes.createStructField("title_id", DataTypes.StringType, true),
        DataTypes.createStructField("title_en", DataTypes.StringType, true),
        DataTypes.createStructField("body_id", DataTypes.StringType, true),
        DataTypes.createStructField("body_en", DataTypes.StringType, true),
        DataTypes.createStructField("summary_id", DataTypes.StringType, true),
        DataTypes.createStructField("summary_en", DataTypes.StringType, true),
        DataTypes.createStructField("sentences", DataTypes.IntegerType, false),
        DataTypes.createStructField("document", DataTypes.StringType, false),
    });

    private OutputRows() {
    }

    /** The row of one translated (or failed) article. */
    static Row of(TranslatedArticle translated) {
        ArticleDocument doc = ArticleDocument.of(translated);
        StringWriter json = new StringWriter();
        try {
            JsonArticleWriter writer = new JsonArticleWriter(json, true);
            writer.write(translated);
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String document = json.toString().strip();
        return RowFactory.create(doc.id(), JobRunner.contentHash(translated.article()), doc.sourceFile(), doc.url(),
                doc.date(), doc.publisher(), doc.category(), doc.status(), doc.error(), doc.titleId(), doc.titleEn(),
                body(doc, false), body(doc, true), doc.summaryId(), doc.summaryEn(), translated.stats().sentences(), document);
    }

    /** Paragraphs separated by a blank line, sentences by a space, as the per-article CSV has them. */
    private static String body(ArticleDocument doc, boolean english) {
        List<String> paragraphs = new ArrayList<>();
        for (List<ArticleDocument.Pair> paragraph : doc.paragraphs()) {
            List<String> sentences = new ArrayList<>();
            for (ArticleDocument.Pair pair : paragraph) {
                String text = english ? pair.en() : pair.id();
                if (text != null) {
                    sentences.add(text);
                }
            }
            paragraphs.add(String.join(" ", sentences));
        }
        return String.join("\n\n", paragraphs);
    }
}
