/*
 * report_svg.c - the crossover chart as a standalone SVG 1.1 document:
 * log volume on x, log monthly cost on y, one line per option (self-hosted
 * drawn as the step function it is), breakevens and the current workload
 * marked, a legend and a title. Written directly; no dependency.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"
#include "report/report_internal.h"

#define WIDTH 1100
#define HEIGHT 620
#define LEFT 90
#define RIGHT 370
#define TOP 70
#define BOTTOM 70

/* Okabe-Ito: tells apart for colour-blind readers */
static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
				      "#E69F00", "#56B4E9", "#000000", "#F0E442"};

/* One axis: data range [lo, hi] onto pixels [p0, p1], log or linear. */
struct axis {
	bool log;
	double lo, hi; /* log10 of the range when log */
	double p0, p1;
};

static double map(const struct axis *a, double v)
{
	double t;

	if (a->log)
		v = log10(fmax(v, pow(10, a->lo)));
	t = (v - a->lo) / (a->hi - a->lo);
	return a->p0 + t * (a->p1 - a->p0);
}

/* A log axis over whole decades, or a linear one from 0 over [lo, hi]. */
static void axis_init(struct axis *a, bool log, double lo, double hi, double p0, double p1)
{
	a->log = log;
	a->p0 = p0;
	a->p1 = p1;
	if (log) {
		a->lo = floor(log10(lo));
		a->hi = ceil(log10(hi));
	} else {
		a->lo = fmin(0, lo);
		a->hi = hi;
	}
	if (!(a->hi > a->lo))
		a->hi = a->lo + 1;
}

/* Tick values: every decade (every other past 8), or 1-2-5 steps. */
static size_t axis_ticks(const struct axis *a, double *t, size_t max)
{
	size_t n = 0;

	if (a->log) {
		int step = a->hi - a->lo > 8 ? 2 : 1;
		for (int e = (int)a->lo; e <= (int)a->hi && n < max; e += step)
			t[n++] = pow(10, e);
	} else {
		double raw = (a->hi - a->lo) / 6, mag = pow(10, floor(log10(raw)));
		double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
		for (double v = ceil(a->lo / step) * step; v <= a->hi * (1 + 1e-12) && n < max; v += step)
			t[n++] = v;
	}
	return n;
}

struct axes {
	struct axis x, y;
};

static double px(const struct axes *ax, double v)
{
	return map(&ax->x, v);
}

static double py(const struct axes *ax, double v)
{
	return map(&ax->y, v);
}

/* XML-escaped text */
static void text(struct sbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': sbuf_printf(out, "&lt;"); break;
		case '>': sbuf_printf(out, "&gt;"); break;
		case '&': sbuf_printf(out, "&amp;"); break;
		case '"': sbuf_printf(out, "&quot;"); break;
		default: sbuf_add(out, s, 1);
		}
	}
}

/* `s` escaped, cut in the middle to an ellipsis when longer than `fit`
 * characters. */
static void fitted(struct sbuf *out, const char *s, size_t fit)
{
	size_t n = strlen(s);

	if (n > fit && fit > 2) {
		size_t head = (fit - 1) / 2, tail = fit - 1 - head;
		char buf[512];
		snprintf(buf, sizeof(buf), "%.*s\xe2\x80\xa6%s", (int)head, s, s + n - tail);
		text(out, buf);
	} else {
		text(out, s);
	}
}

/* How many characters of 11px sans (under 6.2px each on average) fit
 * from x to the chart's right edge. */
static size_t fit_right(int x)
{
	return (size_t)((WIDTH - x - 8) / 6.2);
}

/* An option id without its kind prefix ("self_hosted:"). */
static const char *without_kind(const char *id)
{
	for (int k = 0; k < OPT_KIND_COUNT; k++) {
		size_t n = strlen(option_kind_names[k]);
		if (strncmp(id, option_kind_names[k], n) == 0 && id[n] == ':')
			return id + n + 1;
	}
	return id;
}

/* A legend label at (x, y), an option id and `note` ("" for none), that
 * stays inside the chart: an id too long for the space right of the plot
 * loses its kind prefix, then its middle to an ellipsis. */
static void legend_label(struct sbuf *out, int x, double y, const char *s, const char *note)
{
	size_t fit = fit_right(x), n = strlen(note);

	fit = fit > n + 12 ? fit - n : 12;
	if (strlen(s) > fit)
		s = without_kind(s);
	sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">", x, y);
	fitted(out, s, fit);
	text(out, note);
	sbuf_printf(out, "</text>\n");
}

/* A panel line at (x, y), 11px: `head`, `name` and `tail`, the name cut
 * in the middle so the line stays inside the chart; `attrs` adds
 * attributes ("" for none). */
static void panel_line(struct sbuf *out, int x, double y, const char *attrs, const char *head,
		       const char *name, const char *tail)
{
	size_t fit = fit_right(x), rest = strlen(head) + strlen(tail);

	sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\"%s>", x, y, attrs);
	text(out, head);
	fitted(out, name, fit > rest + 8 ? fit - rest : 8);
	text(out, tail);
	sbuf_printf(out, "</text>\n");
}

/* The title at (x, 30): `prefix` and the scenario's name, the name cut
 * in the middle to stay inside `width` (18px bold sans averages under
 * 11px a character). */
static void scenario_title(struct sbuf *out, int x, int width, const char *prefix, const struct run *r)
{
	size_t fit = (size_t)((width - x - 10) / 11.0), n = strlen(prefix);

	sbuf_printf(out, "<text x=\"%d\" y=\"30\" font-size=\"18\" font-weight=\"bold\">", x);
	text(out, prefix);
	fitted(out, r->sc->name ? r->sc->name : "scenario", fit > n + 12 ? fit - n : 12);
	sbuf_printf(out, "</text>\n");
}

static void money_label(struct sbuf *out, double v, const char *currency)
{
	char b[48];

	if (strcmp(currency, "USD") == 0) {
		sbuf_printf(out, "$");
	} else {
		text(out, currency);
		sbuf_printf(out, " ");
	}
	text(out, num_si(b, sizeof(b), v));
}

static void ticks(struct sbuf *out, const struct axes *ax, const char *currency)
{
	double t[32];
	char b[48];
	size_t n = axis_ticks(&ax->x, t, 32);

	for (size_t i = 0; i < n; i++) {
		double x = px(ax, t[i]);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n", x,
			    TOP, x, HEIGHT - BOTTOM);
		sbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
			    HEIGHT - BOTTOM + 20, t[i] == 0 ? "0" : num_si(b, sizeof(b), t[i]));
	}
	n = axis_ticks(&ax->y, t, 32);
	for (size_t i = 0; i < n; i++) {
		double y = py(ax, t[i]);
		sbuf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n", LEFT,
			    y, WIDTH - RIGHT, y);
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 8, y + 4);
		money_label(out, t[i], currency);
		sbuf_printf(out, "</text>\n");
	}
}

/* One option's line: straight segments for hosted options, horizontal
 * then vertical moves for the self-hosted step function; gaps where the
 * option is infeasible. */
static void series(struct sbuf *out, const struct axes *ax, const struct sweep *s, size_t k,
		   bool steps, const char *colour)
{
	bool pen = false;

	sbuf_printf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", colour);
	for (size_t i = 0; i < s->n_points; i++) {
		double v = s->totals[k * s->n_points + i];
		double x = px(ax, s->volumes[i]), y;
		if (isnan(v) || (ax->y.log && v <= 0) || (ax->x.log && s->volumes[i] <= 0)) {
			pen = false;
			continue;
		}
		y = py(ax, v);
		if (!pen)
			sbuf_printf(out, "M%.1f %.1f", x, y);
		else if (steps)
			sbuf_printf(out, "H%.1fV%.1f", x, y);
		else
			sbuf_printf(out, "L%.1f %.1f", x, y);
		pen = true;
	}
	sbuf_printf(out, "\"/>\n");
}

/* A numbered marker for the point (x, y) into `out`: on it, or, when it
 * would cover a marker already placed (crossings close together), moved up
 * until it does not, with a leader line and a dot on the true point into
 * `under` (drawn first, so no leader crosses a marker). */
static void marker(struct sbuf *under, struct sbuf *out, double x, double y, int number,
		   double (*placed)[2], size_t *n_placed)
{
	double my = y;
	bool moved = true;

	while (moved && my > TOP + 10) {
		moved = false;
		for (size_t i = 0; i < *n_placed; i++) {
			double dx = placed[i][0] - x, dy = placed[i][1] - my;
			if (dx * dx + dy * dy < 18.0 * 18.0) {
				my = placed[i][1] - 18;
				moved = true;
			}
		}
	}
	if (my != y) {
		sbuf_printf(under, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n", x, y,
			    x, my);
		sbuf_printf(under, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#222\"/>\n", x, y);
	}
	sbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.5\"/>\n", x, my);
	sbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%d</text>\n", x, my + 3.5, number);
	if (*n_placed < 64) {
		placed[*n_placed][0] = x;
		placed[*n_placed][1] = my;
		(*n_placed)++;
	}
}

/* Appends the markers' leaders, then the markers (drawn last, over every
 * line), and releases both buffers. */
static void overlay(struct sbuf *out, struct sbuf *leaders, struct sbuf *fg)
{
	if (leaders->failed || fg->failed)
		out->failed = true;
	if (leaders->len)
		sbuf_add(out, leaders->buf, leaders->len);
	if (fg->len)
		sbuf_add(out, fg->buf, fg->len);
	sbuf_release(leaders);
	sbuf_release(fg);
}

/* Breakevens get a dashed line, a numbered marker on the crossing, and a
 * numbered line in the panel under the legend (labels on the plot would
 * overlap); the current workload a solid line. The markers come last, so
 * no line (of a breakeven at the same volume, a leader, or "now") crosses
 * one. */
static void marks(struct sbuf *out, const struct axes *ax, const struct run *r,
		  const struct pairs *p, const struct sweep *s, double panel_y)
{
	double current = r->w->t_in + r->w->t_out;
	double lo = s->volumes[0], hi = s->volumes[s->n_points - 1];
	char b[48], label[256], head[64], tail[256];
	int shown = 0, more = 0, room = (int)((HEIGHT - 20 - panel_y) / 18);
	double placed[64][2]; /* marker centres drawn so far */
	size_t n_placed = 0;
	struct sbuf leaders, fg; /* the markers' leaders, then the markers, over every line */

	sbuf_init(&leaders);
	sbuf_init(&fg);

	for (size_t i = 0; p && i < p->n; i++) {
		const struct breakeven *be = &p->items[i].be;
		const struct option_spec *sh = &r->sc->options[p->items[i].self_hosted];
		double x, y;
		if (!be->found || be->tokens_per_month < lo || be->tokens_per_month > hi ||
		    (ax->x.log && be->tokens_per_month <= 0))
			continue;
		if (shown == room - 1) {
			more++; /* no room to list it */
			continue;
		}
		shown++;
		x = px(ax, be->tokens_per_month);
		y = py(ax, be->api_at.total);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 4\"/>\n",
			    x, TOP, x, HEIGHT - BOTTOM);
		marker(&leaders, &fg, x, y, shown, placed, &n_placed);
		if (shown == 1)
			sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-weight=\"bold\">Breakevens</text>\n",
				    WIDTH - RIGHT + 15, panel_y);
		snprintf(head, sizeof(head), "%d  %s  ", shown, num_si(b, sizeof(b), be->tokens_per_month));
		snprintf(tail, sizeof(tail), " vs %s", r->sc->options[p->items[i].api].api->id);
		panel_line(out, WIDTH - RIGHT + 15, panel_y + 18.0 * shown, "", head,
			   report_option_label(label, sizeof(label), r, sh), tail);
	}
	if (more)
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">and %d more (see breakeven)</text>\n",
			    WIDTH - RIGHT + 15, panel_y + 18.0 * (shown + 1), more);
	if (current >= lo && current <= hi && (current > 0 || !ax->x.log)) {
		double x = px(ax, current);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" stroke-width=\"1.5\"/>\n",
			    x, TOP, x, HEIGHT - BOTTOM);
		sbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">now: %s</text>\n",
			    x, TOP - 6, num_si(b, sizeof(b), current));
	}
	overlay(out, &leaders, &fg);
}

void report_chart_svg(struct sbuf *out, const struct run *r, const struct sweep *s,
		      const struct pairs *p)
{
	struct axes ax;
	double lo = INFINITY, hi = 0;
	char b[48];
	bool self_hosts = false;

	for (size_t i = 0; i < s->n_points * s->n_options; i++) {
		if (!isnan(s->totals[i]) && s->totals[i] > 0) {
			lo = fmin(lo, s->totals[i]);
			hi = fmax(hi, s->totals[i]);
		}
	}
	if (!(hi > 0)) {
		lo = 1;
		hi = 10;
	}
	/* log-log unless the volumes are linear; a linear chart starts at 0 */
	axis_init(&ax.x, !s->linear, s->volumes[0], s->volumes[s->n_points - 1], LEFT, WIDTH - RIGHT);
	if (!s->linear) {
		/* whole decades would widen a range the user chose; keep it */
		ax.x.lo = log10(s->volumes[0]);
		ax.x.hi = log10(s->volumes[s->n_points - 1]);
		if (!(ax.x.hi > ax.x.lo))
			ax.x.hi = ax.x.lo + 1;
	}
	axis_init(&ax.y, !s->linear, lo, hi, HEIGHT - BOTTOM, TOP);

	sbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
			 "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n",
		    WIDTH, HEIGHT, WIDTH, HEIGHT);
	sbuf_printf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	scenario_title(out, LEFT, WIDTH, "Monthly cost by volume: ", r);
	for (size_t k = 0; k < s->n_options; k++)
		self_hosts |= engine_self_hosts(r->sc->options[k].kind);
	sbuf_printf(out, "<text x=\"%d\" y=\"50\" fill=\"#555\">input:output %s:1, peak %sx average%s</text>\n",
		    LEFT, num_shortest(b, sizeof(b), round(r->w->t_in / fmax(r->w->t_out, 1) * 100) / 100),
		    num_shortest((char[48]){0}, 48, round(r->w->peak_to_average * 100) / 100),
		    self_hosts ? "; self-hosted lines step with whole replicas" : "");
	ticks(out, &ax, r->cat->currency);
	sbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
		    LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">tokens per month (input + output%s)</text>\n",
		    (WIDTH - RIGHT + LEFT) / 2, HEIGHT - 25, s->linear ? "" : ", log scale");
	sbuf_printf(out, "<text transform=\"translate(22 %d) rotate(-90)\" text-anchor=\"middle\">monthly cost (%s%s)</text>\n",
		    (HEIGHT - BOTTOM + TOP) / 2, r->cat->currency, s->linear ? "" : ", log scale");
	for (size_t k = 0; k < s->n_options; k++) {
		const struct option_spec *o = &r->sc->options[k];
		const char *colour = palette[k % (sizeof(palette) / sizeof(palette[0]))];
		double ly = TOP + 10 + 22.0 * (double)k;
		char note[96] = "";
		bool drawn = false;
		series(out, &ax, s, k, engine_self_hosts(o->kind), colour);
		sbuf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>\n",
			    WIDTH - RIGHT + 15, ly, WIDTH - RIGHT + 40, ly, colour);
		for (size_t i = 0; i < s->n_points && !drawn; i++)
			drawn = !isnan(s->totals[k * s->n_points + i]);
		/* an option infeasible over the whole range has no line: say why */
		if (!drawn)
			snprintf(note, sizeof(note), " (no line: %s)",
				 r->current && r->current->results[k].reason != R_NONE
					 ? reason_codes[r->current->results[k].reason]
					 : "infeasible over this range");
		legend_label(out, WIDTH - RIGHT + 46, ly + 4, o->id, note);
	}
	marks(out, &ax, r, p, s, TOP + 10 + 22.0 * (double)s->n_options + 20);
	sbuf_printf(out, "</svg>\n");
}


/* model.md 9: cumulative cost by month, one line per option from (0, 0),
 * self-hosted options solid and hosted ones dashed, crossover months
 * numbered on the lines and listed under the legend with each total. */
void report_horizon_svg(struct sbuf *out, const struct run *r, const struct horizon *h)
{
	const char *cur = r->cat->currency;
	const int M = h->p.months;
	int step = M <= 12 ? 1 : M <= 24 ? 3 : M <= 60 ? 6 : 12;
	double lo = 0, hi = 0, t[32], panel_y;
	struct axes ax;
	char b[48], line[64], title[64];
	int shown = 0, more = 0, room;
	size_t n, n_placed = 0;
	double placed[64][2]; /* marker centres drawn so far */
	struct sbuf leaders, fg; /* the markers' leaders, then the markers, over the lines */

	sbuf_init(&leaders);
	sbuf_init(&fg);
	for (size_t k = 0; k < h->n_options; k++) {
		for (int m = 0; h->options[k].feasible && m < M; m++) {
			lo = fmin(lo, h->options[k].months[m].cumulative);
			hi = fmax(hi, h->options[k].months[m].cumulative);
		}
	}
	if (!(hi > lo))
		hi = lo + 1;
	axis_init(&ax.x, false, 0, M, LEFT, WIDTH - RIGHT);
	axis_init(&ax.y, false, lo, hi + (hi - lo) * 0.04, HEIGHT - BOTTOM, TOP);

	sbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
			 "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n",
		    WIDTH, HEIGHT, WIDTH, HEIGHT);
	sbuf_printf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	snprintf(title, sizeof(title), "Cumulative cost over %d month%s: ", M, M == 1 ? "" : "s");
	scenario_title(out, LEFT, WIDTH, title, r);
	sbuf_printf(out, "<text x=\"%d\" y=\"50\" fill=\"#555\">volume %s a month, hosted prices %s and GPU prices %s a year; solid: self-hosted, dashed: hosted</text>\n",
		    LEFT, report_pct(b, sizeof(b), h->p.growth, true),
		    report_pct((char[48]){0}, 48, h->p.api_change, true),
		    report_pct((char[48]){0}, 48, h->p.gpu_change, true));
	/* months on x every `step`, money on y */
	for (int m = 0; m <= M; m += step) {
		double x = px(&ax, m);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n", x, TOP, x,
			    HEIGHT - BOTTOM);
		sbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x, HEIGHT - BOTTOM + 20, m);
	}
	n = axis_ticks(&ax.y, t, 32);
	for (size_t i = 0; i < n; i++) {
		double y = py(&ax, t[i]);
		sbuf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n", LEFT, y,
			    WIDTH - RIGHT, y, t[i] == 0 ? "#999" : "#e4e4e4");
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 8, y + 4);
		money_label(out, t[i], cur);
		sbuf_printf(out, "</text>\n");
	}
	sbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
		    LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">month</text>\n", (WIDTH - RIGHT + LEFT) / 2,
		    HEIGHT - 25);
	sbuf_printf(out, "<text transform=\"translate(22 %d) rotate(-90)\" text-anchor=\"middle\">cumulative cost (%s)</text>\n",
		    (HEIGHT - BOTTOM + TOP) / 2, cur);
	for (size_t k = 0; k < h->n_options; k++) {
		const struct option_spec *o = &r->sc->options[k];
		const struct hz_option *ho = &h->options[k];
		const char *colour = palette[k % (sizeof(palette) / sizeof(palette[0]))];
		bool hosted = o->kind == OPT_API || o->kind == OPT_MANAGED;
		double ly = TOP + 10 + 34.0 * (double)k;
		if (ho->feasible) {
			sbuf_printf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s d=\"M%.1f %.1f", colour,
				    hosted ? " stroke-dasharray=\"8 4\"" : "", px(&ax, 0), py(&ax, 0));
			for (int m = 1; m <= M; m++)
				sbuf_printf(out, "L%.1f %.1f", px(&ax, m), py(&ax, ho->months[m - 1].cumulative));
			sbuf_printf(out, "\"/>\n");
		}
		sbuf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>\n",
			    WIDTH - RIGHT + 15, ly, WIDTH - RIGHT + 40, ly, colour, hosted ? " stroke-dasharray=\"6 3\"" : "");
		legend_label(out, WIDTH - RIGHT + 46, ly + 4, o->id, "");
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#555\">", WIDTH - RIGHT + 46, ly + 17);
		if (ho->feasible) {
			sbuf_printf(out, "total ");
			money_label(out, ho->total, cur);
			sbuf_printf(out, ", NPV ");
			money_label(out, ho->npv, cur);
		} else {
			sbuf_printf(out, "infeasible: %s", reason_codes[ho->reason]);
		}
		sbuf_printf(out, "</text>\n");
	}
	/* two lines a crossover: the month and option, then what it beats */
	panel_y = TOP + 10 + 34.0 * (double)h->n_options + 12;
	room = (int)((HEIGHT - 20 - panel_y) / 30);
	for (size_t i = 0; i < h->n_pairs; i++) {
		const struct hz_pair *pr = &h->pairs[i];
		double x, y, ty;
		if (!pr->has_crossover)
			continue;
		if (shown == room - 1) {
			more++;
			continue;
		}
		shown++;
		/* month 1 is the origin's corner: listed, not marked */
		if (pr->crossover_month > 1) {
			x = px(&ax, pr->crossover_month);
			y = py(&ax, h->options[pr->self_hosted].months[pr->crossover_month - 1].cumulative);
			marker(&leaders, &fg, x, y, shown, placed, &n_placed);
		}
		if (shown == 1)
			sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-weight=\"bold\">Crossover months</text>\n",
				    WIDTH - RIGHT + 15, panel_y);
		ty = panel_y + 4 + 30.0 * (shown - 1) + 14;
		snprintf(line, sizeof(line), "%d  month %d: ", shown, pr->crossover_month);
		panel_line(out, WIDTH - RIGHT + 15, ty, "", line, without_kind(r->sc->options[pr->self_hosted].id), "");
		panel_line(out, WIDTH - RIGHT + 31, ty + 13, " fill=\"#555\"", "beats ",
			   without_kind(r->sc->options[pr->hosted].id), " from then on");
	}
	if (more)
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">and %d more (see the table)</text>\n",
			    WIDTH - RIGHT + 15, panel_y + 4 + 30.0 * shown + 14, more);
	overlay(out, &leaders, &fg);
	sbuf_printf(out, "</svg>\n");
}

/* The head every chart shares: document, background, title, subtitle. */
static void chart_head(struct sbuf *out, int width, int height, const char *title,
		       const struct run *r, const char *subtitle)
{
	sbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
			 "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
			 "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n",
		    width, height, width, height);
	sbuf_printf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	scenario_title(out, 20, width, title, r);
	/* 13px: under 7.3px a character */
	sbuf_printf(out, "<text x=\"20\" y=\"52\" fill=\"#555\">");
	fitted(out, subtitle, (size_t)((width - 30) / 7.3));
	sbuf_printf(out, "</text>\n");
}

/* Vertical grid lines and labels of a money axis along x. */
static void money_ticks_x(struct sbuf *out, const struct axis *x, double top, double bottom,
			  const char *currency)
{
	double t[32];
	size_t n = axis_ticks(x, t, 32);

	for (size_t i = 0; i < n; i++) {
		double px0 = map(x, t[i]);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n",
			    px0, top, px0, bottom);
		sbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", px0, bottom + 18);
		if (t[i] < 0)
			sbuf_printf(out, "-");
		money_label(out, fabs(t[i]), currency);
		sbuf_printf(out, "</text>\n");
	}
}

#define SIM_LEFT 380
#define SIM_RIGHT 150
#define SIM_ROW 38
#define SIM_TOP 90

/* model.md 8.1: one row per option: whiskers p5..p95, a box p10..p90, the
 * median as a bar, the mean as a dot, and the share of draws it is
 * cheapest at the right. */
void report_simulate_svg(struct sbuf *out, const struct run *r, const struct sim_report *rep)
{
	const struct sim_result *s = rep->s;
	int width = 1100, height = SIM_TOP + SIM_ROW * (int)s->n_rows + 70;
	double lo = INFINITY, hi = 0;
	struct axis x;
	char sub[200], a[32], b[32];

	for (size_t i = 0; i < s->n_rows; i++) {
		if (s->options[i].feasible == 0)
			continue;
		lo = fmin(lo, s->options[i].q[0]);
		hi = fmax(hi, s->options[i].q[SIM_N_QUANTILES - 1]);
	}
	if (!(hi > 0)) {
		lo = 1;
		hi = 10;
	}
	/* log when the options span more than a factor of 30 */
	axis_init(&x, lo > 0 && hi / lo > 30, lo, hi, SIM_LEFT, width - SIM_RIGHT);
	snprintf(sub, sizeof(sub), "%s draws, seed %s; whiskers p5-p95, box p10-p90, bar median, dot mean",
		 num_grouped(a, sizeof(a), (double)s->draws, 0), num_shortest(b, sizeof(b), (double)s->seed));
	chart_head(out, width, height, "Monthly cost over the ranges: ", r, sub);
	money_ticks_x(out, &x, SIM_TOP - 10, height - 60, r->cat->currency);
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">monthly cost (%s%s)</text>\n",
		    (SIM_LEFT + width - SIM_RIGHT) / 2, height - 20, r->cat->currency, x.log ? ", log scale" : "");
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">cheapest</text>\n",
		    width - SIM_RIGHT / 2, SIM_TOP - 16);
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct sim_option *o = &s->options[i];
		const char *colour = palette[i % (sizeof(palette) / sizeof(palette[0]))];
		double y = SIM_TOP + SIM_ROW * (double)i + SIM_ROW / 2.0;
		if (i == s->n_options)
			/* the portfolio (model.md 7.4) below the options it is made of */
			sbuf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n",
				    SIM_LEFT - 300, y - SIM_ROW / 2.0, width - SIM_RIGHT, y - SIM_ROW / 2.0);
		/* right-aligned: from the chart's left edge (bold 11px under 6.6px a character) */
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\"%s>", SIM_LEFT - 12,
			    y + 4, (long)i == s->verdict ? " font-weight=\"bold\"" : "");
		fitted(out, report_sim_row_id(r, s, i), (size_t)((SIM_LEFT - 12 - 10) / 6.6));
		sbuf_printf(out, "</text>\n");
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", width - SIM_RIGHT / 2,
			    y + 4, report_share(a, sizeof(a), o->share_cheapest));
		if (o->feasible == 0) {
			sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" fill=\"#999\">infeasible in every draw</text>\n",
				    SIM_LEFT + 10, y + 4);
			continue;
		}
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
			    map(&x, o->q[0]), y, map(&x, o->q[4]), y, colour);
		for (int k = 0; k < 5; k += 4)
			sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
				    map(&x, o->q[k]), y - 6, map(&x, o->q[k]), y + 6, colour);
		sbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\"/>\n",
			    map(&x, o->q[1]), y - 9, fmax(map(&x, o->q[3]) - map(&x, o->q[1]), 1), colour, colour);
		sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>\n",
			    map(&x, o->q[2]), y - 10, map(&x, o->q[2]), y + 10, colour);
		sbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#000\"/>\n",
			    map(&x, o->mean), y);
	}
	sbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
		    SIM_LEFT, SIM_TOP - 10, width - SIM_LEFT - SIM_RIGHT, height - 60 - (SIM_TOP - 10));
	sbuf_printf(out, "</svg>\n");
}

/* model.md 8.2: the tornado of one analysis, rows from y = `top`, the
 * money axis at `bottom`: per input a bar from adv at low to adv at high
 * through the base, largest swing on top; zero (where the verdict flips)
 * and the base marked; flip points listed at the right. */
static void tornado(struct sbuf *out, const struct run *r, const struct sens_result *s, int width,
		    int top, int bottom)
{
	double lo = fmin(0, s->adv_base), hi = fmax(0, s->adv_base), pad;
	struct axis x;
	char a[48];

	for (size_t i = 0; i < s->n; i++) {
		const struct sens_item *it = &s->items[i];
		if (it->has_low)
			lo = fmin(lo, it->adv_low), hi = fmax(hi, it->adv_low);
		if (it->has_high)
			lo = fmin(lo, it->adv_high), hi = fmax(hi, it->adv_high);
	}
	pad = (hi - lo) * 0.05 + 1;
	axis_init(&x, false, lo - pad, hi + pad, SIM_LEFT - 100, width - SIM_RIGHT - 60);
	x.lo = lo - pad;
	money_ticks_x(out, &x, top - 10, bottom, r->cat->currency);
	sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"1.5\"/>\n",
		    map(&x, 0), top - 14, map(&x, 0), bottom);
	sbuf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"5 4\"/>\n",
		    map(&x, s->adv_base), top - 14, map(&x, s->adv_base), bottom);
	sbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\" font-size=\"11\">base %s",
		    map(&x, s->adv_base), top - 18, s->adv_base < 0 ? "-" : "");
	money_label(out, fabs(s->adv_base), r->cat->currency);
	sbuf_printf(out, "</text>\n");
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">flip at</text>\n",
		    width - SIM_RIGHT / 2 - 20, top - 16);
	for (size_t i = 0; i < s->n; i++) {
		const struct sens_item *it = &s->items[i];
		double y = top + SIM_ROW * (double)i + SIM_ROW / 2.0;
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">", SIM_LEFT - 112, y + 4);
		text(out, it->r.key);
		sbuf_printf(out, "</text>\n");
		for (int side = 0; side < 2; side++) {
			bool has = side ? it->has_high : it->has_low;
			double v = side ? it->adv_high : it->adv_low;
			double x0 = map(&x, s->adv_base), x1;
			if (!has) {
				sbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#999\" text-anchor=\"%s\">infeasible at %s</text>\n",
					    x0 + (side ? 6 : -6), y + (side ? 14 : -4), side ? "start" : "end", side ? "high" : "low");
				continue;
			}
			x1 = map(&x, v);
			sbuf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"9\" fill=\"%s\"/>\n",
				    fmin(x0, x1), y - (side ? 0 : 9), fmax(fabs(x1 - x0), 1), side ? palette[0] : palette[1]);
		}
		sbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\"%s>%s</text>\n", width - SIM_RIGHT / 2 - 20,
			    y + 4, it->has_flip && (it->flip_in_range || it->range_past_flip) ? " font-weight=\"bold\" fill=\"#D55E00\"" : "",
			    it->has_flip ? report_human(a, sizeof(a), it->flip) : "none");
	}
}

/* model.md 8.2: the tornado of the pair, and with segments (7.4) a second
 * one of the portfolio against the best single option below it. */
void report_sensitivity_svg(struct sbuf *out, const struct run *r, const struct sens_result *s,
			    const struct sens_result *ps)
{
	int width = 1100, bottom = s ? SIM_TOP + SIM_ROW * (int)s->n + 10 : SIM_TOP - 60, top2 = 0, height;
	char sub[600];

	if (ps) {
		top2 = bottom + 110;
		bottom = top2 + SIM_ROW * (int)ps->n + 10;
	}
	height = bottom + 80;
	if (s)
		snprintf(sub, sizeof(sub), "adv = %s minus %s; right of 0 self-hosting is cheaper",
			 r->sc->options[s->hosted].id, r->sc->options[s->self_hosted].id);
	else
		snprintf(sub, sizeof(sub), "no feasible hosted and self-hosted pair among the options");
	chart_head(out, width, height, "What moves the advantage of self-hosting: ", r, sub);
	if (s)
		tornado(out, r, s, width, SIM_TOP, ps ? top2 - 110 : bottom);
	if (ps) {
		sbuf_printf(out, "<text x=\"20\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">The portfolio (model 7.4) against ", top2 - 60);
		text(out, report_sens_side(r, ps, true));
		sbuf_printf(out, "</text>\n<text x=\"20\" y=\"%d\" fill=\"#555\">adv = ", top2 - 40);
		text(out, report_sens_side(r, ps, true));
		sbuf_printf(out, " minus the portfolio; right of 0 the portfolio is cheaper</text>\n");
		tornado(out, r, ps, width, top2, bottom);
	}
	sbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">input at low</text>\n",
		    SIM_LEFT - 100, height - 34, palette[1], SIM_LEFT - 82, height - 25);
	sbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">input at high</text>\n",
		    SIM_LEFT + 20, height - 34, palette[0], SIM_LEFT + 38, height - 25);
	sbuf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#555\">flip points in bold lie within the input's range</text>\n",
		    SIM_LEFT + 160, height - 25);
	sbuf_printf(out, "</svg>\n");
}
