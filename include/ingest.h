/*
 * ingest: what happens to a parsed document between the parser and the
 * store -- classification: topics from the config's [topic:KEY] rules,
 * countries and regions from the gazetteer (classify.h) -- and the same
 * classification run again over a whole cache (`sitrep reclassify`).
 *
 * What is classified: the feed key, the title, the categories and the
 * summary as plain text; an item without a summary uses the start of its
 * content instead (about a paragraph: a whole article names too many
 * places to say what it is about).  The regions stored for an article are
 * those its text names plus those its countries belong to, so that
 * region:east-asia finds an article about Japan.
 */
#ifndef SITREP_INGEST_H
#define SITREP_INGEST_H

#include <stddef.h>

#include "classify.h"
#include "config.h"
#include "feed.h"
#include "store.h"

/*
 * Compiles cfg's topics.  Returns owned, or NULL with *cause (owned)
 * listing every bad rule, one per line, each naming the file, the
 * [topic:KEY] and the rule.
 */
struct classifier *ingest_classifier_new(const struct config *cfg,
    char **cause);

/*
 * Fills every item's topics, countries and regions and sets
 * doc->classified, so that store_feed_apply writes them.  c may be NULL
 * (then only countries and regions are found).  Call store_prepare_doc()
 * first when the document is to be stored: the summaries' text it makes
 * for the index is then not made a second time here.
 */
void ingest_classify_doc(const struct classifier *c, const char *feed_key,
    struct feed_doc *doc);

/*
 * The text classification reads besides the title: the summary as plain
 * text, else the start of the content (cut at a word, at most
 * INGEST_LEDE_BYTES).  Returns owned ("" when neither exists).
 */
#define INGEST_LEDE_BYTES 600
char *ingest_summary_text(const char *summary_html, const char *content_html);

/*
 * Re-runs classification with c over every article in st (see
 * store_reclassify).  *seen and *changed may be NULL.
 */
int ingest_reclassify(struct store *st, const struct classifier *c,
    size_t *seen, size_t *changed, char **cause);

#endif
