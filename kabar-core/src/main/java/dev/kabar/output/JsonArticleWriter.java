package dev.kabar.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.pipeline.TranslatedArticle;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes {@link ArticleDocument}s as a JSON array (pretty-printed, for people) or as JSONL (one
 * compact document per line, for tools and for appending). Articles are streamed, never held.
 */
public final class JsonArticleWriter implements ArticleWriter {

    // The writer does not own the stream: the caller commits the file or keeps stdout open.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final Writer out;
    private final boolean lines;
    private JsonGenerator array;

    /**
     * Creates a writer.
     *
     * @param out where to write
     * @param lines true for JSONL, false for a JSON array
     */
    public JsonArticleWriter(Writer out, boolean lines) {
        this.out = out;
        this.lines = lines;
    }

    /** Returns the mapper that writes (and can read back) the documents. */
    public static ObjectMapper mapper() {
        return JSON.copy();
    }

    @Override
    public void write(TranslatedArticle article) throws IOException {
        ArticleDocument document = ArticleDocument.of(article);
        if (lines) {
            out.write(JSON.writeValueAsString(document));
            out.write('\n');
            return;
        }
        startArray();
        JSON.writeValue(array, document);
    }

    private void startArray() throws IOException {
        if (array == null) {
            array = JSON.getFactory().createGenerator(out);
            array.useDefaultPrettyPrinter();
            array.writeStartArray();
        }
    }

    @Override
    public void finish() throws IOException {
        if (!lines) {
            // An empty run still writes a valid document: [].
            startArray();
            array.writeEndArray();
            array.flush();
            out.write('\n');
        }
        out.flush();
    }
}
