/*
 * render_int: what the files of src/render/ share.  Private to the render
 * module; include/render.h is the contract.
 *
 * The files, each calling only the ones below it:
 *   render.c    render_html(): parse, walk the DOM, dispatch each element
 *               by its kind to the handlers below
 *   blocks.c    elements that shape lines: paragraphs, headings, quotes,
 *               lists and their markers, <dd>, <pre>, rules, table rows
 *   inline.c    text into the layout (white space by mode), images, <br>,
 *               <q>; the break that ends a run of inline content
 *   links.c     the link list: URL cleaning, <base>, numbers, "[n]" marks
 *   wrap.c      lines and words: spans, prefixes, where a line may break
 *               (spaces, CJK), preformatted characters
 *   elements.c  which HTML element is what (the table), attributes
 */
#ifndef SITREP_RENDER_INT_H
#define SITREP_RENDER_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "render.h"
#include "str.h"

#define TAB_STOP 8
#define INDENT_LIST 2  /* a top-level list sits this far in */
#define INDENT_DD 4
/* Ordered-list counters stay far from overflow whatever start= says. */
#define COUNTER_LIMIT 1000000000L

#define QUOTE_BAR "\xe2\x94\x82 "   /* "│ " */
#define RULE "\xe2\x94\x80"         /* "─" */
#define RULE_DOUBLE "\xe2\x95\x90"  /* "═" */

/* A run of text with its spans: both the line being built and the word. */
struct buf {
	struct str text;
	struct render_span *spans;
	size_t nspans, cap;
	size_t cols;
};

enum frame_kind {
	FRAME_QUOTE,  /* "│ " */
	FRAME_INDENT, /* spaces: <dd> */
	FRAME_LIST,   /* <ul>, <ol>: spaces, and the counter for its items */
	FRAME_ITEM    /* <li>: its marker on its first line, spaces after */
};

/* A block that contributes to the prefix of every line drawn inside it. */
struct frame {
	enum frame_kind kind;
	size_t indent;
	/* FRAME_ITEM */
	char marker[32];
	int marker_pending;
	size_t marker_line;   /* serial of the line that took the marker */
	/* FRAME_LIST */
	int ordered;
	char type;            /* <ol type>: '1', 'a', 'A', 'i', 'I' */
	long counter;
	size_t marker_cols;
	int level;            /* unordered nesting, picks the bullet */
};

/* What an element is to the renderer; render.c maps each to handlers. */
enum el_kind {
	EL_INLINE,
	EL_DROP,    /* the element and everything in it (X3) */
	EL_VOID,    /* no content of its own; see the table */
	EL_HEAD,    /* dropped, but its <base> counts */
	EL_BASE,
	EL_BLOCK,   /* starts and ends a line */
	EL_PARA,    /* a block with a blank line before and after */
	EL_HEADING,
	EL_BR,
	EL_WBR,
	EL_HR,
	EL_QUOTE,
	EL_LIST,
	EL_ITEM,
	EL_DD,
	EL_PRE,
	EL_LINK,
	EL_IMG,
	EL_Q,
	EL_ROW,
	EL_CELL,
	EL__COUNT
};

struct el {
	const char *name;
	enum el_kind kind;
	unsigned style;
};

/* What an element restores when it ends. */
struct save {
	const struct el *el;
	unsigned style;
	size_t nframes;
	int pre;
	char *link_url;   /* the enclosing link's, for <a> */
	int link_no, link_dirty;
	int row_content, sep_pending;  /* the enclosing row's, for <tr> */
	size_t mark;      /* heading: first line; cell: chars before it;
	                     list: 1 when top level */
};

struct render {
	size_t width, max_prefix;
	char *base;       /* percent-encoded, may be NULL */
	int base_seen;
	int plain;        /* no block markup: blank lines separate paragraphs */

	/* the document */
	struct render_line *lines;
	size_t nlines, lines_cap;
	int last_blank;
	size_t last_quotes;
	int blank_pending;
	struct strv links;
	size_t *map;      /* open addressing: link index + 1, 0 for empty */
	size_t map_cap;

	/* the line being built */
	struct buf line;
	int line_open;
	size_t prefix_len, prefix_cols, line_quotes, line_serial;

	/* the word being built, and the space before it */
	struct buf word;
	int word_space;
	unsigned word_space_style;
	int word_space_link;
	int pending_space;
	unsigned space_style;
	int space_link;
	int last_wide, no_break;
	size_t ws_lf;     /* line feeds in the current run of white space */

	/* inline state */
	unsigned style;
	char *link_url;   /* the current <a>'s target when it gets a number */
	int link_no;      /* assigned at its first visible character */
	int link_dirty;   /* link text since its last "[n]" */
	int pre, pre_start;
	int row_content, sep_pending;
	size_t produced;  /* visible characters so far */

	struct frame *frames;
	size_t nframes, frames_cap;
	struct save *stack;
	size_t depth, stack_cap;
	struct str scratch;
};

/*
 * The handlers by element kind, which render.c's table names: a whole
 * handler does an element at once, without its children; enter and leave
 * run before and after the children (render.c says in what order with the
 * breaks and the style).
 */

/* --- blocks.c --- */

void block_heading_enter(struct render *r, xmlNode *n, struct save *sv);
void block_quote_enter(struct render *r, xmlNode *n, struct save *sv);
void block_list_enter(struct render *r, xmlNode *n, struct save *sv);
void block_item_enter(struct render *r, xmlNode *n, struct save *sv);
void block_dd_enter(struct render *r, xmlNode *n, struct save *sv);
void block_pre_enter(struct render *r, xmlNode *n, struct save *sv);
void block_row_enter(struct render *r, xmlNode *n, struct save *sv);
void block_cell_enter(struct render *r, xmlNode *n, struct save *sv);
void block_heading_leave(struct render *r, const struct save *sv);
void block_list_leave(struct render *r, const struct save *sv);
void block_pre_leave(struct render *r, const struct save *sv);
void block_row_leave(struct render *r, const struct save *sv);
void block_cell_leave(struct render *r, const struct save *sv);
void block_hr(struct render *r, xmlNode *n);

/* --- inline.c --- */

/*
 * Ends the run of inline content where a block starts or ends: the open
 * link's "[n]", the word, the line.  margin asks for a blank line before
 * what comes next.
 */
void inline_break(struct render *r, int margin);
/* Sanitised UTF-8 into the layout, white space handled by mode. */
void inline_text(struct render *r, const char *s, size_t n);
/* Text from the document: sanitised here first (T1). */
void inline_hostile(struct render *r, const char *s);
void inline_br(struct render *r, xmlNode *n);
void inline_img(struct render *r, xmlNode *n);
void inline_wbr_enter(struct render *r, xmlNode *n, struct save *sv);
void inline_q_enter(struct render *r, xmlNode *n, struct save *sv);
void inline_q_leave(struct render *r, const struct save *sv);

/* --- links.c --- */

/*
 * Returns owned: a URL from an attribute made acceptable to xmlBuildURI
 * the way a browser would, or NULL when nothing is left.
 */
char *link_url_clean(const char *s);
/* The number of url in the link list, adding it when new. */
int link_number(struct render *r, const char *url);
/* "[n]" after the link text shown since the last one. */
void link_ref(struct render *r);
void link_enter(struct render *r, xmlNode *n, struct save *sv);
void link_leave(struct render *r, const struct save *sv);
/* <base href> sets the base of relative links, the first one only. */
void link_base(struct render *r, xmlNode *n);
/* <head>: dropped but for its <base>. */
void link_head(struct render *r, xmlNode *n);

/* --- wrap.c --- */

void wrap_buf_free(struct buf *b);
int wrap_cp_space(uint32_t cp);
void wrap_line_begin(struct render *r);
/* Ends the line; returns 1 when it had content and was kept. */
int wrap_line_end(struct render *r);
/* A line of n rule characters (at most the width). */
void wrap_rule_line(struct render *r, const char *rule, size_t n,
    unsigned style);
/*
 * Puts the word on the line, after a space when word_space says so; starts
 * a new line when it does not fit, and cuts it by columns when it is wider
 * than a whole line.
 */
void wrap_word_place(struct render *r);
/* A visible character in flowing text. */
void wrap_word_char(struct render *r, const char *s, size_t k, uint32_t cp,
    int w, unsigned style, int link);
/* Text that belongs to the current word whatever it is ("[3]"). */
void wrap_word_attach(struct render *r, const char *s, unsigned style,
    int link);
/* A space before the next word, unless one is pending already. */
void wrap_space_pend(struct render *r, unsigned style, int link);
/* Preformatted text: a character, a line feed, a tab to the next stop. */
void wrap_pre_char(struct render *r, const char *s, size_t k, int w,
    unsigned style, int link);
void wrap_pre_newline(struct render *r);
void wrap_pre_tab(struct render *r, unsigned style, int link);

/* --- elements.c --- */

/* Returns borrowed (static): what element name is, or NULL: unknown. */
const struct el *element_find(const char *name);
/* Returns owned: the attribute's value, or NULL when absent. */
char *element_attr(xmlNode *n, const char *name);

#endif
