/*
 * diag.c - fills and formats located diagnostics. Never prints.
 */
#include "util/diag.h"

#include <stdio.h>
#include <string.h>

/* Control characters from input would reach the terminal raw: shown as
 * '?' instead, so a message can never move the cursor or recolour it. */
static void defang(char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	}
}

enum status diag_set(struct diag *d, enum status code, const char *file, unsigned line,
		     unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return code;
	d->code = code;
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	defang(d->file);
	defang(d->msg);
	return code;
}

void diag_format(const struct diag *d, char *buf, unsigned long size)
{
	if (d->file[0] && d->line)
		snprintf(buf, size, "%s:%u:%u: %s", d->file, d->line, d->col, d->msg);
	else if (d->file[0])
		snprintf(buf, size, "%s: %s", d->file, d->msg);
	else
		snprintf(buf, size, "%s", d->msg);
}

void diag_place(const char *text, size_t pos, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < pos && text[i]; i++) {
		if (text[i] == '\n')
			++*line, *col = 1;
		else
			++*col;
	}
}
