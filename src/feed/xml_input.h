/*
 * xml_input: a document's bytes, in the charset sniff.c picked, to the
 * UTF-8 libxml2 is given: converted with iconv, invalid sequences replaced
 * with U+FFFD and control bytes XML cannot carry dropped, a character cut
 * by the end of one chunk held for the next.  It knows nothing of XML
 * beyond that and calls no other file of the parser; xml.c drives it.
 */
#ifndef SITREP_FEED_XML_INPUT_H
#define SITREP_FEED_XML_INPUT_H

#include <stddef.h>

#include <iconv.h>

#include "str.h"

struct xml_input {
	/* charset conversion (iconv) */
	iconv_t cd;                 /* (iconv_t)-1 when the bytes are UTF-8 */
	char ccarry[16];            /* a character cut by the chunk's end */
	size_t nccarry;
	struct str conv;
	int skip_space;             /* still before the first '<' */
	/* then UTF-8 repair */
	int utf8_fix;
	unsigned char carry[4];     /* a sequence cut by the chunk's end */
	size_t ncarry;
	struct str fix;
};

/*
 * Starts in: charset (borrowed, may be NULL for UTF-8) is an iconv name;
 * utf8_fix asks for repair of UTF-8 input (converted input is always
 * repaired); skip_space drops white space before the first '<' of the
 * converted text (libxml2 refuses an XML declaration that does not start
 * the document).
 */
void xml_input_init(struct xml_input *in, const char *charset, int utf8_fix,
    int skip_space);
void xml_input_free(struct xml_input *in);

/*
 * Returns borrowed (valid until the next call): the bytes of buf[0..n)
 * that are ready for libxml2, *outn of them (0: none yet); this may be buf
 * itself.  *lines is set to the line breaks dropped as leading space.
 */
const char *xml_input_pass(struct xml_input *in, const char *buf, size_t n,
    size_t *outn, int *lines);
/* At the end of the document: what conversion still held, as above. */
const char *xml_input_flush(struct xml_input *in, size_t *outn, int *lines);
/*
 * After the flush: a U+FFFD (static, 3 bytes) for a sequence the end of the
 * document cut short, or NULL.
 */
const char *xml_input_tail(struct xml_input *in);

#endif
