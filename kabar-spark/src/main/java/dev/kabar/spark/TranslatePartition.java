package dev.kabar.spark;

import dev.kabar.api.ArticleTranslator;
import dev.kabar.api.TranslatorSpec;
import dev.kabar.article.Article;
import dev.kabar.pipeline.TranslatedArticle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Translates one partition of articles on the executor's translator. Tasks of one executor take
 * turns on it: the engine already spreads each call over all its workers, so a second call at the
 * same time would only compete for the same cores.
 */
final class TranslatePartition implements FlatMapFunction<Iterator<Article>, Row> {

    private static final long serialVersionUID = 1L;

    /** Fails the first attempt of partition 0, for the test of task retries. */
    static final String FAIL_FIRST_ATTEMPT = "kabar.spark.failFirstAttempt";

    private final TranslatorSpec spec;
    private final String fingerprint;

    TranslatePartition(TranslatorSpec spec, String fingerprint) {
        this.spec = spec;
        this.fingerprint = fingerprint;
    }

    @Override
    public Iterator<Row> call(Iterator<Article> articles) {
        List<Article> batch = new ArrayList<>();
        articles.forEachRemaining(batch::add);
        if (batch.isEmpty()) {
            return List.<Row>of().iterator();
        }
        List<TranslatedArticle> translated;
        synchronized (ExecutorTranslators.class) {
            ArticleTranslator translator = ExecutorTranslators.get(spec, fingerprint);
            translated = translator.translate(batch);
        }
        TaskContext task = TaskContext.get();
        if (task != null && Boolean.getBoolean(FAIL_FIRST_ATTEMPT) && task.partitionId() == 0 && task.attemptNumber() == 0) {
            throw new IllegalStateException("the first attempt of partition 0 fails, as the test asks");
        }
        List<Row> rows = new ArrayList<>(translated.size());
        for (TranslatedArticle article : translated) {
            rows.add(OutputRows.of(article));
        }
        return rows.iterator();
    }
}
