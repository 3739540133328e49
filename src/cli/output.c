/*
 * output.c - writes a finished report to stdout or, atomically, to a file
 * (a temporary file beside it, then rename), and prints diagnostics.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

bool cli_use_color(const struct ctx *ctx)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (ctx->color == COLOR_NEVER || (no && *no))
		return false;
	if (ctx->color == COLOR_ALWAYS)
		return true;
	return !ctx->output && isatty(STDOUT_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* Writes to a device or pipe named by -o (/dev/stdout, a fifo): there is
 * no file to replace atomically. */
static enum status write_special(const char *path, const struct sbuf *out, struct diag *d)
{
	int fd = open(path, O_WRONLY | O_TRUNC), e;

	if (fd < 0 || !write_all(fd, out->buf ? out->buf : "", out->len)) {
		e = errno;
		if (fd >= 0)
			close(fd);
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	if (close(fd) != 0)
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(errno));
	return ST_OK;
}

enum status cli_write_stdout(const struct sbuf *out, struct diag *d)
{
	if (out->failed)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	if (!write_all(STDOUT_FILENO, out->buf ? out->buf : "", out->len))
		return diag_set(d, ST_IO, "stdout", 0, 0, "cannot write: %s", strerror(errno));
	return ST_OK;
}

static mode_t st_mode_for(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

enum status cli_emit(const struct ctx *ctx, const struct sbuf *out, struct diag *d)
{
	struct stat st;
	char *tmp;
	size_t n;
	int fd, e;

	if (out->failed)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	if (!ctx->output || strcmp(ctx->output, "-") == 0)
		return cli_write_stdout(out, d);
	if (stat(ctx->output, &st) == 0 && !S_ISREG(st.st_mode))
		return write_special(ctx->output, out, d);
	n = strlen(ctx->output) + 16;
	if (!(tmp = malloc(n)))
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	snprintf(tmp, n, "%s.tmp-XXXXXX", ctx->output);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		free(tmp);
		return diag_set(d, ST_IO, ctx->output, 0, 0, "cannot write: %s", strerror(e));
	}
	/* mkstemp makes 0600: give the file the mode it had, else what the
	 * umask allows, as a plain open() would */
	if (fchmod(fd, st_mode_for(ctx->output)) != 0 ||
	    !write_all(fd, out->buf ? out->buf : "", out->len) || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return diag_set(d, ST_IO, ctx->output, 0, 0, "cannot write: %s", strerror(e));
	}
	if (close(fd) != 0 || rename(tmp, ctx->output) != 0) {
		e = errno;
		unlink(tmp);
		free(tmp);
		return diag_set(d, ST_IO, ctx->output, 0, 0, "cannot write: %s", strerror(e));
	}
	free(tmp);
	return ST_OK;
}

int cli_fail(const struct diag *d)
{
	char buf[1024];

	diag_format(d, buf, sizeof(buf));
	fprintf(stderr, "llmtco: %s\n", buf);
	return d->code ? (int)d->code : 2;
}

void cli_warn(const struct ctx *ctx, const char *option, const char *msg)
{
	if (ctx->quiet)
		return;
	if (option)
		fprintf(stderr, "llmtco: warning: %s: %s\n", option, msg);
	else
		fprintf(stderr, "llmtco: warning: %s\n", msg);
}
