/*
 * sensitivity.c - one-at-a-time swings and exact flip points (model.md 8.2).
 *
 * adv(x) = total(A) - total(S) as one input x moves is piecewise: between
 * the points where a discrete quantity changes (S's billed GPUs, either
 * option's feasibility or reason, A's long-context prices) both totals are
 * continuous and monotone in x, so a sign change inside such a piece is
 * found by bisection on the sign, and one across a break by bisection on
 * the discrete state. The walk goes outward from the base piece by piece
 * (each break located by bisection to machine precision after a scan of 64
 * points over what is left), so no piece is skipped the way a sampled grid
 * skips them. With segments adv = total(B) - portfolio (B the best single
 * option at base) has too many pieces to walk; when every total moves one
 * way with the input, a bounded search (bounded_search) finds its first
 * change exactly, else it is walked piece by piece up to a budget of
 * pieces, then by a fine scan whose first change of winner is walked
 * piece by piece again. Must not print, read
 * files or allocate per evaluation.
 */
#include "model/sensitivity.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/assumptions.h"
#include "model/scenario.h"
#include "model/simulate.h"

#define SCAN_POINTS 64
#define MAX_PIECES 100000
#define BISECT_REL 1e-13
#define PORTFOLIO_SCAN 256
#define PORTFOLIO_PIECES 12
#define BOUNDED_EVALS 5000

/* What fixes the piece a value lies in. */
struct state {
	bool a_ok, s_ok;
	enum reason a_reason, s_reason;
	bool a_long;
	double s_gpus;
	uint64_t p_state; /* the portfolio's discrete state, hashed (0 for a pair) */
};

/* One evaluation of the pair at x. */
struct point {
	double x, adv;
	double a_total, s_total; /* the two sides of adv (B and the portfolio) */
	bool ok;
	struct sens_gap gap;
	struct state st;
};

struct ctx {
	const struct scenario *sc;
	const struct catalog *cat;
	const struct unc_base *b;
	const struct range *r;
	size_t hosted, self_hosted;
	struct sim_portfolio *port; /* the portfolio against option `hosted`, or NULL */
};

static uint64_t mix(uint64_t h, uint64_t v)
{
	/* splitmix64's finaliser over the running hash */
	uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t bits(double v)
{
	uint64_t b;

	memcpy(&b, &v, sizeof(b));
	return b;
}

/* What fixes the portfolio's piece: the basis, each segment's choices,
 * and the option each segment uses: its feasibility, reason, billed GPUs,
 * GPU-hours, replicas, tp, price row and long-context pricing (the options
 * a segment does not use cannot move the total while the choices stay). */
static uint64_t portfolio_state(const struct sim_portfolio *sp)
{
	uint64_t h = mix(0, (uint64_t)sp->e.p.feasible << 1 | (uint64_t)sp->e.p.basis);
	const struct option_result *res = sp->e.results;

	for (size_t i = 0; i < sp->e.n; i++) {
		const struct segment_choice *c = &sp->e.choices[i];
		h = mix(h, (uint64_t)(c->hosted + 1) | (uint64_t)(c->own + 1) << 21 | (uint64_t)(c->choice + 1) << 42);
		if (c->choice >= 0) {
			const struct option_result *u = &res[c->choice];
			h = mix(h, (uint64_t)u->feasible | (uint64_t)u->reason << 1 |
				       (uint64_t)u->api.long_context << 16 | (uint64_t)u->tensor_parallel << 20);
			h = mix(h, bits(u->gpus));
			h = mix(h, bits(u->gpu_hours));
			h = mix(h, bits(u->replicas));
			h = mix(h, (uint64_t)(uintptr_t)u->price);
		}
		res += sp->e.segs[i].n;
	}
	return h;
}

/* Why the portfolio cannot run: the reason of the first option of its
 * first segment without a feasible one. */
static enum reason portfolio_reason(const struct sim_portfolio *sp)
{
	const struct option_result *res = sp->e.results;

	for (size_t i = 0; i < sp->e.p.infeasible_segment; i++)
		res += sp->e.segs[i].n;
	return sp->e.segs[sp->e.p.infeasible_segment].n ? res->reason : R_NONE;
}

static void eval(struct point *p, const struct ctx *c, double x)
{
	struct world wd;
	struct option_result ra, rs;

	unc_apply(&wd, c->b, c->r, 1, &x);
	engine_evaluate(&ra, &c->sc->options[c->hosted], &wd.w, c->cat, &wd.a);
	if (c->port) {
		const struct portfolio *pf = &c->port->e.p;
		enum reason why;
		sim_portfolio_eval(c->port, c->b, c->cat, &wd, c->r, 1, &x);
		why = pf->feasible ? R_NONE : portfolio_reason(c->port);
		p->x = x;
		p->st = (struct state){ra.feasible, pf->feasible, ra.reason, why, ra.api.long_context,
				       ra.feasible ? ra.gpus : 0, portfolio_state(c->port)};
		p->ok = ra.feasible && pf->feasible;
		/* model.md 8.2 for the portfolio: adv = total(B) - portfolio */
		p->a_total = ra.total;
		p->s_total = pf->total;
		p->adv = p->ok ? ra.total - pf->total : 0;
		p->gap = (struct sens_gap){!ra.feasible, ra.feasible ? why : ra.reason};
		return;
	}
	engine_evaluate(&rs, &c->sc->options[c->self_hosted], &wd.w, c->cat, &wd.a);
	p->x = x;
	p->st = (struct state){ra.feasible, rs.feasible, ra.reason, rs.reason, ra.api.long_context,
			       rs.feasible ? rs.gpus : 0, 0};
	p->ok = ra.feasible && rs.feasible;
	p->a_total = ra.total;
	p->s_total = rs.total;
	p->adv = p->ok ? ra.total - rs.total : 0;
	p->gap = (struct sens_gap){!ra.feasible, ra.feasible ? rs.reason : ra.reason};
}

static bool same_state(const struct state *a, const struct state *b)
{
	return a->a_ok == b->a_ok && a->s_ok == b->s_ok && a->a_reason == b->a_reason &&
	       a->s_reason == b->s_reason && a->a_long == b->a_long && a->s_gpus == b->s_gpus &&
	       a->p_state == b->p_state;
}

/* The sign that matters: does self-hosting win (adv > 0)? */
static bool wins(const struct point *p)
{
	return p->adv > 0;
}

static bool close_enough(double lo, double hi)
{
	return fabs(hi - lo) <= BISECT_REL * fmax(fabs(lo), fabs(hi)) || nextafter(lo, hi) == hi;
}

bool sensitivity_adv(double *adv, struct sens_gap *gap, const struct scenario *sc,
		     const struct catalog *cat, const struct unc_base *b, const struct range *r,
		     size_t hosted, size_t self_hosted, double x)
{
	struct ctx c = {sc, cat, b, r, hosted, self_hosted, NULL};
	struct point p;

	eval(&p, &c, x);
	*adv = p.adv;
	*gap = p.gap;
	return p.ok;
}

static bool walk(double *flip, bool *cut, const struct ctx *c, double from, double to,
		 size_t exact_pieces);

/* The rest of a portfolio's walk once it has met PORTFOLIO_PIECES pieces
 * (docs/model.md 8.2: an hourly option's week or a hybrid's N can cut it
 * into thousands): adv scanned at PORTFOLIO_SCAN points from `from` to
 * `to`, evenly on a log scale when both are positive, and the first two
 * points of different winners walked piece by piece, so the flip is the
 * first change of winner between them. A change of sign and back between
 * two scan points is not seen. */
static bool scan_walk(double *flip, bool *cut, const struct ctx *c, double from, double to)
{
	struct point cur, next;
	bool geo = from > 0 && to > 0;

	eval(&cur, c, from);
	for (int k = 1; k <= PORTFOLIO_SCAN; k++) {
		double t = (double)k / PORTFOLIO_SCAN;
		double x = k == PORTFOLIO_SCAN ? to : geo ? from * pow(to / from, t) : from + (to - from) * t;
		eval(&next, c, x);
		if (!next.ok) {
			*cut = true;
			return false;
		}
		if (wins(&next) != wins(&cur))
			return walk(flip, cut, c, cur.x, next.x, MAX_PIECES);
		cur = next;
	}
	return false;
}

/* How every total moves as input r rises (docs/model.md 8.2): +1 none
 * falls (prices, volume, staffing, the peak), -1 none rises (throughput,
 * target utilization), 0 not known. */
static int direction(const struct range *r)
{
	switch (r->target) {
	case UT_FACTOR:
		return r->index == UF_THROUGHPUT ? -1 : 1;
	case UT_ASSUMPTION:
		return r->index == A_ENGINEERING_FTE || r->index == A_ENGINEER_ANNUAL_COST ? 1
		       : r->index == A_TARGET_UTILIZATION				    ? -1
											    : 0;
	case UT_WORKLOAD:
		return r->index == WK_PEAK_TO_AVERAGE ? 1 : 0;
	}
	return 0;
}

/* A bounded search: its context, the winner at the base, the input's
 * direction, and evaluations left. */
struct bounded {
	const struct ctx *c;
	bool base_wins;
	int dir;
	size_t left;
	double flip;
};

/* Whether adv keeps the base's sign all over [a, b] (either order): with
 * every total monotone in x, each side of adv lies between its values at
 * the ends, so adv does between the difference of the extreme pairs. False
 * when that does not settle it; *broken when the ends contradict the
 * direction. */
static bool same_sign_throughout(const struct bounded *s, const struct point *a, const struct point *b,
				 bool *broken)
{
	const struct point *lo = a->x < b->x ? a : b, *hi = a->x < b->x ? b : a;
	const struct point *up = s->dir > 0 ? hi : lo, *down = s->dir > 0 ? lo : hi;
	double adv_min = down->a_total - up->s_total, adv_max = up->a_total - down->s_total;

	/* `up` is where every total is largest */
	*broken = up->a_total < down->a_total || up->s_total < down->s_total;
	return !*broken && (s->base_wins ? adv_min > 0 : adv_max <= 0);
}

/* The first change of winner in (a, b], a having the base's winner: 1
 * with s->flip, 0 when there is none, -1 when the search cannot tell (an
 * end infeasible, the direction contradicted, evaluations spent). */
static int bounded_search(struct bounded *s, const struct point *a, const struct point *b)
{
	struct point m;
	bool broken;
	int r;

	if (!b->ok)
		return -1;
	if (same_sign_throughout(s, a, b, &broken))
		return 0;
	if (broken)
		return -1;
	if (close_enough(a->x, b->x)) {
		if (wins(b) == s->base_wins)
			return 0;
		s->flip = b->x;
		return 1;
	}
	if (s->left-- == 0)
		return -1;
	/* halves on a log scale when both ends are positive */
	eval(&m, s->c, a->x > 0 && b->x > 0 ? sqrt(a->x) * sqrt(b->x) : a->x + (b->x - a->x) / 2);
	if (m.x == a->x || m.x == b->x)
		eval(&m, s->c, a->x + (b->x - a->x) / 2);
	if ((r = bounded_search(s, a, &m)))
		return r;
	return bounded_search(s, &m, b);
}

/* From `from` (feasible, in its piece) toward `to`: the first value where
 * the winner changes, or false when none does before `to` or before the
 * pair turns infeasible (*cut then says the walk stopped early). Past
 * `exact_pieces` pieces the rest is scan_walk()'s. */
static bool walk(double *flip, bool *cut, const struct ctx *c, double from, double to,
		 size_t exact_pieces)
{
	struct point cur, lo, hi, mid;
	size_t pieces = 0;

	eval(&cur, c, from);
	while (pieces++ < MAX_PIECES) {
		if (pieces > exact_pieces)
			return scan_walk(flip, cut, c, cur.x, to);
		struct point end;
		bool found_break = false;

		/* the first of SCAN_POINTS points toward `to` in another piece */
		lo = cur;
		for (int k = 1; k <= SCAN_POINTS; k++) {
			double x = k == SCAN_POINTS ? to : cur.x + (to - cur.x) * k / SCAN_POINTS;
			eval(&end, c, x);
			if (!same_state(&end.st, &cur.st)) {
				found_break = true;
				break;
			}
			lo = end;
		}
		if (!found_break) {
			/* one piece to the end: a sign change inside it, or none */
			if (wins(&end) == wins(&cur))
				return false;
			lo = cur;
			hi = end;
			while (!close_enough(lo.x, hi.x)) {
				eval(&mid, c, lo.x + (hi.x - lo.x) / 2);
				if (wins(&mid) == wins(&cur))
					lo = mid;
				else
					hi = mid;
			}
			*flip = hi.x;
			return true;
		}
		/* locate the break between the last point of this piece and the
		 * first of the next */
		hi = end;
		while (!close_enough(lo.x, hi.x)) {
			eval(&mid, c, lo.x + (hi.x - lo.x) / 2);
			if (same_state(&mid.st, &cur.st))
				lo = mid;
			else
				hi = mid;
		}
		/* inside the piece [cur, lo]: continuous and monotone */
		if (wins(&lo) != wins(&cur)) {
			struct point a = cur, b = lo;
			while (!close_enough(a.x, b.x)) {
				eval(&mid, c, a.x + (b.x - a.x) / 2);
				if (wins(&mid) == wins(&cur))
					a = mid;
				else
					b = mid;
			}
			*flip = b.x;
			return true;
		}
		if (!hi.ok) {
			*cut = true;
			return false;
		}
		/* across the break */
		if (wins(&hi) != wins(&cur)) {
			*flip = hi.x;
			return true;
		}
		cur = hi;
		if (cur.x == to)
			return false;
	}
	*cut = true;
	return false;
}

/* The direction the ends of [a, b] show: +1 when both sides of adv are
 * no lower at the larger x, -1 when both are no higher, else 0. */
static int ends_direction(const struct point *a, const struct point *b)
{
	const struct point *lo = a->x < b->x ? a : b, *hi = a->x < b->x ? b : a;

	if (!a->ok || !b->ok)
		return 0;
	if (hi->a_total >= lo->a_total && hi->s_total >= lo->s_total)
		return 1;
	if (hi->a_total <= lo->a_total && hi->s_total <= lo->s_total)
		return -1;
	return 0;
}

/* A portfolio's flip from `from` toward `to` (docs/model.md 8.2): by the
 * bounded search when every total moves one way with the input (known for
 * the inputs direction() names; for others taken from the search's ends
 * and checked at every interval), which finds the first change exactly
 * however many pieces the week's replica steps cut adv into; else, or
 * when that search cannot tell, by walk(). */
static bool portfolio_walk(double *flip, bool *cut, const struct ctx *c, double from, double to)
{
	struct bounded s = {c, false, direction(c->r), BOUNDED_EVALS, 0};
	struct point a, b;

	eval(&a, c, from);
	eval(&b, c, to);
	if (!s.dir)
		s.dir = ends_direction(&a, &b);
	if (s.dir) {
		s.base_wins = wins(&a);
		switch (bounded_search(&s, &a, &b)) {
		case 1:
			*flip = s.flip;
			return true;
		case 0:
			return false;
		default:
			break;
		}
	}
	return walk(flip, cut, c, from, to, PORTFOLIO_PIECES);
}

size_t sensitivity_defaults(struct range *r, const bool *wl_given, bool has_profile)
{
	static const struct {
		const char *key;
		double low, high;
	} defs[] = {
		{"factor.api_price", 0.5, 1.5},
		{"factor.gpu_price", 0.5, 1.5},
		{"factor.throughput", 0.5, 1.5},
		{"factor.volume", 0.25, 4},
		{"assumptions.engineering_fte", 0.1, 1},
		{"assumptions.target_utilization", 0.5, 0.9},
		{"workload.peak_to_average", 1, 4},
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		struct loc at = {"default", 0, 0};
		memset(&r[n], 0, sizeof(r[n]));
		/* refused only for peak_to_average under a profile (model.md 8.2) */
		if (range_key(&r[n], defs[i].key, wl_given, has_profile, &at, NULL))
			continue;
		r[n].dist = UD_UNIFORM;
		r[n].low = defs[i].low;
		r[n].high = defs[i].high;
		range_finish(&r[n], NULL);
		n++;
	}
	return n;
}

bool sensitivity_pair(size_t *hosted, size_t *self_hosted, const struct option_spec *opts,
		      const struct option_result *res, size_t n)
{
	long a = -1, s = -1;

	for (size_t i = 0; i < n; i++) {
		long *slot = sim_is_hosted(opts[i].kind) ? &a : &s;
		if (res[i].feasible && (*slot < 0 || res[i].total < res[*slot].total))
			*slot = (long)i;
	}
	if (a < 0 || s < 0)
		return false;
	*hosted = (size_t)a;
	*self_hosted = (size_t)s;
	return true;
}

static int by_swing(const void *p, const void *q)
{
	const struct sens_item *a = p, *b = q;

	if (a->has_swing != b->has_swing)
		return a->has_swing ? -1 : 1;
	if (a->has_swing && a->swing != b->swing)
		return a->swing > b->swing ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* Every input's figures and flip, for the pair or the portfolio of `tmpl`
 * (its range and base filled per input), sorted by swing. */
static enum status run_items(struct sens_result *out, const struct ctx *tmpl,
			     const struct assumptions *a, const struct workload *w,
			     const struct range *r, size_t nr, struct diag *d)
{
	struct unc_base b;
	struct point p;

	out->items = calloc(nr ? nr : 1, sizeof(*out->items));
	if (!out->items)
		return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < nr; i++) {
		struct sens_item *it = &out->items[out->n++];
		struct ctx c = *tmpl;
		double lo_dom, hi_dom, up, down;
		bool has_up, has_down;

		c.b = &b;
		c.r = &r[i];
		unc_base_init(&b, tmpl->sc, a, w, &r[i], 1);
		it->r = r[i];
		it->order = i;
		it->base = unc_base_value(&b, &r[i]);
		it->low = fmin(fmax(r[i].low, r[i].valid_lo), r[i].valid_hi);
		it->high = fmin(fmax(r[i].high, r[i].valid_lo), r[i].valid_hi);
		eval(&p, &c, it->low);
		it->has_low = p.ok;
		it->adv_low = p.adv;
		it->gap_low = p.gap;
		eval(&p, &c, it->high);
		it->has_high = p.ok;
		it->adv_high = p.adv;
		it->gap_high = p.gap;
		it->has_swing = it->has_low && it->has_high;
		it->swing = it->has_swing ? fabs(it->adv_high - it->adv_low) : 0;
		/* model.md 8.2: within the key's valid range and [base/100,
		 * base*100], or [low, high] when the base is 0 */
		if (it->base > 0) {
			lo_dom = fmax(r[i].valid_lo, it->base / 100);
			hi_dom = fmin(r[i].valid_hi, it->base * 100);
		} else {
			lo_dom = fmax(r[i].valid_lo, it->low);
			hi_dom = fmin(r[i].valid_hi, it->high);
		}
		if (c.port) {
			has_up = it->base < hi_dom && portfolio_walk(&up, &it->search_cut, &c, it->base, hi_dom);
			has_down = it->base > lo_dom && portfolio_walk(&down, &it->search_cut, &c, it->base, lo_dom);
		} else {
			has_up = it->base < hi_dom && walk(&up, &it->search_cut, &c, it->base, hi_dom, MAX_PIECES);
			has_down = it->base > lo_dom && walk(&down, &it->search_cut, &c, it->base, lo_dom, MAX_PIECES);
		}
		if (has_up || has_down) {
			it->has_flip = true;
			it->flip = !has_down ? up : !has_up ? down
					  : (up - it->base <= it->base - down ? up : down);
			it->flip_in_range = it->flip >= it->low && it->flip <= it->high;
			it->range_past_flip = it->flip > it->base ? it->low > it->flip : it->high < it->flip;
		}
	}
	qsort(out->items, out->n, sizeof(*out->items), by_swing);
	return ST_OK;
}

enum status sensitivity_run(struct sens_result *out, const struct scenario *sc,
			    const struct catalog *cat, const struct assumptions *a,
			    const struct workload *w, const struct range *r, size_t nr,
			    size_t hosted, size_t self_hosted, struct diag *d)
{
	struct ctx c = {sc, cat, NULL, NULL, hosted, self_hosted, NULL};
	struct option_result ra, rs;

	memset(out, 0, sizeof(*out));
	out->hosted = hosted;
	out->self_hosted = self_hosted;
	engine_evaluate(&ra, &sc->options[hosted], w, cat, a);
	engine_evaluate(&rs, &sc->options[self_hosted], w, cat, a);
	if (!ra.feasible || !rs.feasible)
		return diag_set(d, ST_INPUT, NULL, 0, 0, "'%s' is infeasible at base: %s",
				sc->options[ra.feasible ? self_hosted : hosted].id,
				reason_codes[ra.feasible ? rs.reason : ra.reason]);
	out->adv_base = ra.total - rs.total;
	return run_items(out, &c, a, w, r, nr, d);
}

bool sensitivity_baseline(size_t *best, const struct option_result *res, size_t n)
{
	long b = -1;

	for (size_t i = 0; i < n; i++) {
		if (res[i].feasible && (b < 0 || res[i].total < res[b].total))
			b = (long)i;
	}
	if (b >= 0)
		*best = (size_t)b;
	return b >= 0;
}

enum status sensitivity_run_portfolio(struct sens_result *out, const struct scenario *sc,
				      const struct catalog *cat, const struct assumptions *a,
				      const struct workload *w, const struct range *r, size_t nr,
				      size_t baseline, struct diag *d)
{
	struct sim_portfolio sp;
	struct ctx c = {sc, cat, NULL, NULL, baseline, 0, &sp};
	struct unc_base b;
	struct world wd;
	struct option_result rb;
	enum status st;

	memset(out, 0, sizeof(*out));
	out->portfolio = true;
	out->hosted = baseline;
	unc_base_init(&b, sc, a, w, NULL, 0);
	if ((st = sim_portfolio_init(&sp, &b, d)))
		goto done;
	unc_apply(&wd, &b, NULL, 0, NULL);
	sim_portfolio_eval(&sp, &b, cat, &wd, NULL, 0, NULL);
	engine_evaluate(&rb, &sc->options[baseline], &wd.w, cat, &wd.a);
	if (!rb.feasible) {
		st = diag_set(d, ST_INPUT, NULL, 0, 0, "'%s' is infeasible at base: %s",
			      sc->options[baseline].id, reason_codes[rb.reason]);
		goto done;
	}
	if (!sp.e.p.feasible) {
		st = diag_set(d, ST_INPUT, NULL, 0, 0, "the portfolio is infeasible at base: segment '%s' has no feasible option",
			      sp.e.segs[sp.e.p.infeasible_segment].name);
		goto done;
	}
	out->adv_base = rb.total - sp.e.p.total;
	st = run_items(out, &c, a, w, r, nr, d);
done:
	sim_portfolio_release(&sp);
	return st;
}

void sensitivity_release(struct sens_result *s)
{
	free(s->items);
	s->items = NULL;
	s->n = 0;
}
