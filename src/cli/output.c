/*
 * output.c - writes a finished report to stdout or, atomically, to a file
 * (a temporary file beside it, then rename), and prints diagnostics.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

enum status cli_write_stdout(const struct sbuf *out, struct diag *d)
{
	if (out->failed)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	if (!write_all(STDOUT_FILENO, out->buf ? out->buf : "", out->len))
		return diag_set(d, ST_IO, "stdout", 0, 0, "cannot write: %s", strerror(errno));
	return ST_OK;
}

/* Temporary files that exist now, removed if a signal ends the run. */
static char *volatile live_tmp[4];

static void remove_live_tmp(int sig)
{
	for (size_t i = 0; i < sizeof(live_tmp) / sizeof(live_tmp[0]); i++) {
		if (live_tmp[i])
			unlink(live_tmp[i]);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void track_tmp(char *tmp, bool on)
{
	static bool handled;

	if (!handled) {
		static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = remove_live_tmp;
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			sigaction(sigs[i], &sa, NULL);
		handled = true;
	}
	for (size_t i = 0; i < sizeof(live_tmp) / sizeof(live_tmp[0]); i++) {
		if (on ? !live_tmp[i] : live_tmp[i] == tmp) {
			live_tmp[i] = on ? tmp : NULL;
			return;
		}
	}
}

/* The descriptor N of "/proc/self/fd/N" or "/dev/fd/N", else -1. */
static int fd_path(const char *p)
{
	const char *n = strncmp(p, "/proc/self/fd/", 14) == 0 ? p + 14 : strncmp(p, "/dev/fd/", 8) == 0 ? p + 8 : NULL;
	char *end;
	long v;

	if (!n || !*n)
		return -1;
	v = strtol(n, &end, 10);
	return *end || v < 0 || v > 1 << 20 ? -1 : (int)v;
}

/* Follows `path` through its symlinks to what writing it means: a
 * descriptor to write in place (*fd, e.g. /dev/stdout's), a device or
 * pipe to open in place (*special), or the regular file, existing or
 * not, to replace atomically (*final). Returns 0 or an errno. */
static int resolve(const char *path, char **final, int *fd, bool *special)
{
	char *cur = strdup(path);

	*final = NULL;
	*fd = -1;
	*special = false;
	for (int hops = 0; cur && hops < 40; hops++) {
		struct stat st;
		char link[4096], *next;
		ssize_t n;
		int k = fd_path(cur);
		if (k >= 0) {
			free(cur);
			return (*fd = dup(k)) < 0 ? errno : 0;
		}
		if (lstat(cur, &st) != 0) {
			if (errno != ENOENT) {
				int e = errno;
				free(cur);
				return e;
			}
			*final = cur; /* a new file (or a dangling link's target) */
			return 0;
		}
		if (!S_ISLNK(st.st_mode)) {
			*special = !S_ISREG(st.st_mode);
			*final = cur;
			return 0;
		}
		if ((n = readlink(cur, link, sizeof(link) - 1)) < 0) {
			int e = errno;
			free(cur);
			return e;
		}
		link[n] = '\0';
		/* a relative target is relative to the link's directory */
		if (link[0] != '/' && strrchr(cur, '/')) {
			size_t dir = (size_t)(strrchr(cur, '/') - cur) + 1;
			if ((next = malloc(dir + (size_t)n + 1))) {
				memcpy(next, cur, dir);
				memcpy(next + dir, link, (size_t)n + 1);
			}
		} else {
			next = strdup(link);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	return cur ? ELOOP : ENOMEM;
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

enum status cli_out_open(struct out_file *f, const char *path, struct diag *d)
{
	bool special;
	size_t n;
	int e;

	memset(f, 0, sizeof(*f));
	f->path = path;
	if ((e = resolve(path, &f->final, &f->fd, &special)))
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(e));
	if (f->fd >= 0)
		return ST_OK;
	if (special) {
		/* a device or pipe: no file to replace */
		if ((f->fd = open(f->final, O_WRONLY | O_TRUNC)) >= 0)
			return ST_OK;
		e = errno;
		cli_out_finish(f, false, NULL);
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	n = strlen(f->final) + 16;
	if (!(f->tmp = malloc(n))) {
		cli_out_finish(f, false, NULL);
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	}
	snprintf(f->tmp, n, "%s.tmp-XXXXXX", f->final);
	/* mkstemp makes 0600: give the file the mode it had, else what the
	 * umask allows, as a plain open() would */
	if ((f->fd = mkstemp(f->tmp)) < 0 || fchmod(f->fd, st_mode_for(f->final)) != 0) {
		e = errno;
		if (f->fd >= 0) {
			close(f->fd);
			unlink(f->tmp);
		}
		f->fd = -1;
		free(f->tmp);
		f->tmp = NULL;
		cli_out_finish(f, false, NULL);
		return diag_set(d, ST_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	track_tmp(f->tmp, true);
	return ST_OK;
}

enum status cli_out_finish(struct out_file *f, bool keep, struct diag *d)
{
	int e = 0;

	if (f->tmp) {
		if (keep && rename(f->tmp, f->final) != 0)
			e = errno;
		if (!keep || e)
			unlink(f->tmp);
		track_tmp(f->tmp, false);
	}
	free(f->tmp);
	free(f->final);
	f->tmp = f->final = NULL;
	if (e && d)
		return diag_set(d, ST_IO, f->path, 0, 0, "cannot write: %s", strerror(e));
	return ST_OK;
}

enum status cli_emit(const struct ctx *ctx, const struct sbuf *out, struct diag *d)
{
	struct out_file f;
	int e;

	if (out->failed)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	if (!ctx->output || strcmp(ctx->output, "-") == 0)
		return cli_write_stdout(out, d);
	if (cli_out_open(&f, ctx->output, d))
		return d->code;
	if (!write_all(f.fd, out->buf ? out->buf : "", out->len) || (f.tmp && fsync(f.fd) != 0)) {
		e = errno;
		close(f.fd);
		cli_out_finish(&f, false, NULL);
		return diag_set(d, ST_IO, ctx->output, 0, 0, "cannot write: %s", strerror(e));
	}
	if (close(f.fd) != 0) {
		e = errno;
		cli_out_finish(&f, false, NULL);
		return diag_set(d, ST_IO, ctx->output, 0, 0, "cannot write: %s", strerror(e));
	}
	return cli_out_finish(&f, true, d);
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
