/**
 * kabar as a library: the entry points a program embedding it uses (the command line, the job
 * runner, the Spark runner). {@link dev.kabar.api.ArticleTranslator} turns Indonesian articles into
 * translated, summarised ones from a serialisable {@link dev.kabar.api.TranslatorSpec};
 * {@link dev.kabar.article.Articles} makes articles from fields with an explicit date order.
 */
package dev.kabar.api;
