/**
 * Articles in: readers for saved news pages, folders, CSV, JSON/JSONL and plain lines; cleaning of
 * Indonesian news pages (title, dateline, lead, captions, credits, boilerplate kept aside); and
 * Indonesian sentence segmentation. Plain Java types only.
 */
package dev.kabar.article;
