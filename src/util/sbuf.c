/*
 * sbuf.c - growable text buffer; see sbuf.h.
 *
 * sbuf_printf formats under a private "C" locale, so a program that called
 * setlocale() still writes '.' decimals in every writer.
 */
#include "util/sbuf.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

void sbuf_init(struct sbuf *s)
{
	memset(s, 0, sizeof(*s));
}

void sbuf_release(struct sbuf *s)
{
	free(s->buf);
	if (s->loc != (locale_t)0)
		freelocale(s->loc);
	memset(s, 0, sizeof(*s));
}

static bool reserve(struct sbuf *s, size_t extra)
{
	size_t cap;
	char *b;

	if (s->failed)
		return false;
	if (s->len + extra + 1 <= s->cap)
		return true;
	cap = s->cap ? s->cap : 1024;
	while (cap < s->len + extra + 1)
		cap *= 2;
	if (!(b = realloc(s->buf, cap))) {
		s->failed = true;
		return false;
	}
	s->buf = b;
	s->cap = cap;
	return true;
}

void sbuf_add(struct sbuf *s, const char *text, size_t n)
{
	if (!reserve(s, n))
		return;
	memcpy(s->buf + s->len, text, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

void sbuf_printf(struct sbuf *s, const char *fmt, ...)
{
	va_list ap;
	locale_t old = (locale_t)0;
	int n;

	if (s->failed)
		return;
	if (s->loc == (locale_t)0 && (s->loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0) {
		s->failed = true;
		return;
	}
	old = uselocale(s->loc);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && reserve(s, (size_t)n)) {
		va_start(ap, fmt);
		vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
		s->len += (size_t)n;
	}
	uselocale(old);
}

size_t utf8_width(const char *str)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)str; *p; p++)
		w += (*p & 0xC0) != 0x80;
	return w;
}

void sbuf_pad(struct sbuf *s, const char *str, size_t width, bool right)
{
	size_t w = utf8_width(str);
	size_t pad = w < width ? width - w : 0;

	if (!right)
		sbuf_add(s, str, strlen(str));
	for (size_t i = 0; i < pad; i++)
		sbuf_add(s, " ", 1);
	if (right)
		sbuf_add(s, str, strlen(str));
}

/* Length of the well-formed UTF-8 sequence at `s` (RFC 3629: no
 * overlongs, surrogates or code points above U+10FFFF), 0 if it is not. */
static size_t utf8_seq(const unsigned char *s)
{
	size_t n;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0x80 && cp < 0xa0)
		return 0; /* C1 controls: YAML does not allow them unescaped */
	return n;
}

void sbuf_yaml_quoted(struct sbuf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	sbuf_add(out, "\"", 1);
	while (*s) {
		size_t n = utf8_seq(s);
		if (*s == '"' || *s == '\\')
			sbuf_printf(out, "\\%c", *s);
		else if (*s < 0x20 || *s == 0x7f)
			sbuf_printf(out, "\\x%02x", *s);
		else if (n == 0)
			sbuf_add(out, "\\uFFFD", 6);
		else
			sbuf_add(out, (const char *)s, n);
		s += n ? n : 1;
	}
	sbuf_add(out, "\"", 1);
}

void sbuf_yaml_number(struct sbuf *s, const char *indent, const char *key, double v)
{
	char b[40];

	if (!isnan(v))
		sbuf_printf(s, "%s%s: %s\n", indent, key, num_shortest(b, sizeof(b), v));
}
