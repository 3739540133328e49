/*
 * sbuf.h - a growable text buffer. Output is built whole in memory and
 * written at once, so a failed command never leaves half a file.
 */
#ifndef LLMTCO_SBUF_H
#define LLMTCO_SBUF_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>

struct sbuf {
	char *buf;   /* NUL-terminated; NULL until the first append */
	size_t len, cap;
	bool failed; /* an allocation failed; the text is incomplete */
	locale_t loc; /* the "C" numeric locale sbuf_printf formats under */
};

/* Empties the buffer's text, keeping nothing allocated. */
void sbuf_init(struct sbuf *s);

/* Frees the text. Safe twice. */
void sbuf_release(struct sbuf *s);

/* Appends formatted text, numbers with '.' decimals whatever the
 * program's locale; on allocation failure sets s->failed. */
void sbuf_printf(struct sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends `n` bytes of `text`. */
void sbuf_add(struct sbuf *s, const char *text, size_t n);

/* Appends `str` padded with spaces to `width` display columns (UTF-8
 * aware), right-aligned when `right`. */
void sbuf_pad(struct sbuf *s, const char *str, size_t width, bool right);

/* Appends `str` as a YAML double-quoted scalar the catalog loader reads
 * back: '"' and '\\' escaped, control characters as \xNN, malformed UTF-8
 * (and C1 controls) replaced by U+FFFD. */
void sbuf_yaml_quoted(struct sbuf *s, const char *str);

/* Appends "INDENTKEY: NUMBER\n", the number in its shortest round-trip
 * form, unless `v` is NAN (an absent optional figure: nothing). */
void sbuf_yaml_number(struct sbuf *s, const char *indent, const char *key, double v);

/* Display width of a UTF-8 string (one column a code point). */
size_t utf8_width(const char *str);

#endif
