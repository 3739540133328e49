/*
 * scenario_load.c - reads a scenario file, applies command-line overrides
 * to its tree, and resolves its options against the catalog.
 *
 * Overrides (--set and the shortcuts) edit the YAML tree before it is read,
 * so a value from the command line is checked exactly like one from the file
 * and its errors name the flag. Never prints.
 */
#include "load/scenario_load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "util/suggest.h"
#include "util/strmap.h"
#include "util/strpool.h"
#include "load/ydoc.h"

/* model.md section 1: the three volume forms. */
enum form { FORM_NONE, FORM_MONTH, FORM_DAY, FORM_REQUESTS };

static enum form form_of(int k)
{
	switch (k) {
	case WK_INPUT_TOKENS_PER_MONTH:
	case WK_OUTPUT_TOKENS_PER_MONTH: return FORM_MONTH;
	case WK_INPUT_TOKENS_PER_DAY:
	case WK_OUTPUT_TOKENS_PER_DAY: return FORM_DAY;
	case WK_REQUESTS_PER_MONTH:
	case WK_REQUESTS_PER_DAY:
	case WK_INPUT_TOKENS_PER_REQUEST:
	case WK_OUTPUT_TOKENS_PER_REQUEST: return FORM_REQUESTS;
	default: return FORM_NONE;
	}
}

static const char *const top_keys[] = {"schema_version", "name", "description", "workload",
				       "options", "assumptions", "thresholds", "horizon",
				       "uncertainty", "requirements"};
static const char *const option_keys[] = {"api", "managed", "self_hosted", "hybrid"};
static const char *const level_names[] = {"fail", "warn"};

static enum status oom(struct diag *d)
{
	return diag_set(d, ST_IO, NULL, 0, 0, "out of memory");
}

/* ---- overrides ------------------------------------------------------------ */

/* A command-line value for a volume key replaces the file's keys of any
 * other volume form (and the other request count), so `--input-tokens 1B`
 * works on a scenario written in requests. */
static void clear_other_forms(struct ydoc *doc, const char *key)
{
	struct ynode *wl = ymap_get(doc->root, "workload");
	int k = name_index(workload_keys, WK_COUNT, key);
	enum form f = k >= 0 ? form_of(k) : FORM_NONE;

	if (!wl)
		return;
	/* model.md 7.1: a profile sets the peak, so each replaces the other */
	if (strcmp(key, "profile") == 0 || strcmp(key, "peak_to_average") == 0) {
		const char *other = key[0] == 'p' && key[1] == 'r' ? "peak_to_average" : "profile";
		struct ynode *v = ymap_get(wl, other), *self = ymap_get(wl, key);
		if (v && !v->cli)
			ymap_remove(wl, other);
		if (self && !self->cli && self->type != Y_SCALAR)
			ymap_remove(wl, key);
	}
	if (f == FORM_NONE)
		return;
	for (int j = 0; j < WK_COUNT; j++) {
		struct ynode *v = ymap_get(wl, workload_keys[j]);
		bool other_count = (k == WK_REQUESTS_PER_MONTH && j == WK_REQUESTS_PER_DAY) ||
				   (k == WK_REQUESTS_PER_DAY && j == WK_REQUESTS_PER_MONTH);
		if (v && !v->cli && form_of(j) != FORM_NONE && (form_of(j) != f || other_count))
			ymap_remove(wl, workload_keys[j]);
	}
}

/* A --set KEY without a section that is neither a top-level, workload nor
 * assumption key: suggest the closest "workload.K" or "assumptions.K". */
static enum status unknown_bare_key(const char *key, const char *origin, struct diag *d)
{
	const char *names[WK_COUNT + A_COUNT];
	const char *s;
	size_t n = 0;

	for (int k = 0; k < WK_COUNT; k++)
		names[n++] = workload_keys[k];
	for (int k = 0; k < A_COUNT; k++)
		names[n++] = assumption_specs[k].name;
	s = suggest(key, names, n);
	if (!s)
		return diag_set(d, ST_INPUT, origin, 0, 0,
				"unknown key '%s'; use workload.KEY, assumptions.KEY or a dotted path", key);
	return diag_set(d, ST_INPUT, origin, 0, 0, "unknown key '%s' (did you mean '%s.%s'?)", key,
			name_index(workload_keys, WK_COUNT, s) >= 0 ? "workload" : "assumptions", s);
}

static enum status apply_set(struct ydoc *doc, const struct override *ov, struct diag *d)
{
	char path[256], origin[300];
	const char *eq = strchr(ov->text, '=');
	const char *first_dot;
	size_t klen;

	/* --require KEY=VALUE stands for requirements.KEY=VALUE: name it as typed */
	snprintf(origin, sizeof(origin), "%s %s", ov->flag,
		 strcmp(ov->flag, "--require") == 0 && strncmp(ov->text, "requirements.", 13) == 0
			 ? ov->text + 13 : ov->text);
	if (!eq || eq == ov->text)
		return diag_set(d, ST_INPUT, origin, 0, 0, "expected KEY=VALUE");
	klen = (size_t)(eq - ov->text);
	if (klen >= sizeof(path) - 16)
		return diag_set(d, ST_INPUT, origin, 0, 0, "key too long");
	memcpy(path, ov->text, klen);
	path[klen] = '\0';
	/* a bare workload or assumption key needs no section prefix */
	first_dot = strchr(path, '.');
	if (!first_dot && name_index(top_keys, sizeof(top_keys) / sizeof(top_keys[0]), path) < 0) {
		const char *section = name_index(workload_keys, WK_COUNT, path) >= 0 ? "workload"
				      : assumption_index(path) >= 0                 ? "assumptions"
										    : NULL;
		if (section) {
			size_t slen = strlen(section);
			memmove(path + slen + 1, path, klen + 1); /* klen < sizeof(path) - 16 */
			memcpy(path, section, slen);
			path[slen] = '.';
		} else {
			return unknown_bare_key(path, origin, d);
		}
	}
	if (strncmp(path, "workload.", 9) == 0)
		clear_other_forms(doc, path + 9);
	/* a command-line requirement replaces the file's, a list included */
	if (strncmp(path, "requirements.", 13) == 0 && !strchr(path + 13, '.'))
		ymap_remove(ymap_get(doc->root, "requirements"), path + 13);
	return ydoc_set(doc, path, eq + 1, origin, d);
}

/* True when `n` or any node below it came from --set (or a flag that
 * stands for one), not from the file. */
static bool from_command_line(const struct ynode *n)
{
	size_t kids = n->type == Y_MAP ? 2 * n->n : n->type == Y_SEQ ? n->n : 0;

	if (n->cli)
		return true;
	for (size_t i = 0; i < kids; i++) {
		if (from_command_line(n->kids[i]))
			return true;
	}
	return false;
}

/* ---- requirements (model.md 10) ------------------------------------------ */

/* Adds provider `name` (at `at`) to the allowed list; it must be the
 * provider of some hosted entry of the catalog. */
static enum status add_provider(struct scenario *sc, const struct catalog *cat,
				const struct ynode *at, const char *name, size_t len, struct diag *d)
{
	const char *names[256], *s;
	size_t n = 0;
	char hint[200], buf[128];

	if (len == 0 || len >= sizeof(buf))
		return ynode_error(d, at, "'allowed_providers' needs provider names, got '%.60s'",
				   at->str ? at->str : "");
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (size_t i = 0; i < cat->n_api; i++) {
		const char *p = cat->api[i].provider;
		bool seen = false;
		if (strcmp(p, buf) == 0) {
			if (!(s = strpool_dup(sc->pool, buf)))
				return oom(d);
			sc->providers[sc->req.n_allowed_providers++] = s;
			return ST_OK;
		}
		for (size_t j = 0; j < n && !seen; j++)
			seen = strcmp(names[j], p) == 0;
		if (!seen && n < 256)
			names[n++] = p;
	}
	return ynode_error(d, at, "unknown provider '%s' in 'allowed_providers'%s", buf,
			   suggest_hint(hint, sizeof(hint), buf, names, n));
}

/* allowed_providers: a list, or one comma-separated value (--require). */
static enum status read_providers(struct scenario *sc, const struct catalog *cat,
				  const struct ynode *v, struct diag *d)
{
	size_t cap = 1;

	if (v->type == Y_MAP)
		return ynode_error(d, v, "'allowed_providers' must be a list of provider names");
	if (v->type == Y_SEQ)
		cap = v->n;
	else
		for (const char *p = v->str; *p; p++)
			cap += *p == ',';
	if (cap == 0)
		return ynode_error(d, v, "'allowed_providers' must name at least one provider");
	if (!(sc->providers = calloc(cap, sizeof(*sc->providers))))
		return oom(d);
	sc->req.allowed_providers = sc->providers;
	if (v->type == Y_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			const char *s;
			if (ystr(v->kids[i], "allowed_providers", &s, d) ||
			    add_provider(sc, cat, v->kids[i], s, strlen(s), d))
				return d->code;
		}
		return ST_OK;
	}
	for (const char *p = v->str;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (add_provider(sc, cat, v, p, len, d))
			return d->code;
		if (!end)
			return ST_OK;
		p = end + 1;
	}
}

static enum status read_requirements(struct scenario *sc, const struct catalog *cat,
				     const struct ynode *rq, struct diag *d)
{
	static const char *const processing[] = {"forbidden", "allowed"};
	const struct ynode *v;
	double x;
	int idx;

	if (!rq)
		return ST_OK;
	if (ymap_check(rq, "requirements", requirement_keys, RQ_COUNT, d))
		return d->code;
	/* where each came from, for JSON `inputs` */
	for (int k = 0; k < RQ_COUNT; k++) {
		if ((v = ymap_get(rq, requirement_keys[k])))
			sc->req_source[k] = from_command_line(v) ? "set" : "scenario";
	}
	if ((v = ymap_get(rq, "min_quality_tier"))) {
		if (ynum(v, "min_quality_tier", 1, 3, false, &x, d))
			return d->code;
		if (x != floor(x))
			return ynode_error(d, v, "'min_quality_tier' must be 1, 2 or 3, got %.60s", v->str);
		sc->req.min_quality_tier = x;
	}
	if ((v = ymap_get(rq, "third_party_processing"))) {
		if (yenum(v, "third_party_processing", processing, 2, &idx, d))
			return d->code;
		sc->req.third_party_forbidden = idx == 0;
	}
	if ((v = ymap_get(rq, "allowed_providers")) && read_providers(sc, cat, v, d))
		return d->code;
	if ((v = ymap_get(rq, "availability"))) {
		/* a fraction, so also N% as every fraction (replica_availability) */
		if (ynum_open(v, "availability", 0, 1, true, true, &x, d))
			return d->code;
		sc->req.availability = x;
	}
	return ST_OK;
}

/* Number of options in the tree (creating none). */
static size_t n_options(const struct ydoc *doc)
{
	const struct ynode *o = ymap_get(doc->root, "options");
	return o && o->type == Y_SEQ ? o->n : 0;
}

static enum status apply_option(struct ydoc *doc, const struct catalog *cat,
				const struct override *ov, bool *cleared, bool replace,
				struct diag *d)
{
	char origin[300], path[64], buf[256];
	struct ynode *opts = ymap_get(doc->root, "options");
	size_t n;

	snprintf(origin, sizeof(origin), "%s %s", ov->flag, ov->text);
	if (replace && !*cleared && opts) {
		if (opts->type == Y_SEQ)
			opts->n = 0;
		*cleared = true;
	}
	n = n_options(doc);
	if (ov->kind == OV_API) {
		const struct api_model *m = catalog_api(cat, ov->text);
		snprintf(path, sizeof(path), "options.%zu.%s", n,
			 m && m->kind == KIND_MANAGED ? "managed" : "api");
		return ydoc_set(doc, path, ov->text, origin, d);
	}
	/* MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]] */
	{
		static const char *const parts[] = {"model", "gpu", "precision", "pricing", "provider"};
		char *p = buf, *fields[5] = {0};
		snprintf(buf, sizeof(buf), "%s", ov->text);
		fields[0] = p;
		if (!(p = strchr(p, '@')))
			return diag_set(d, ST_INPUT, origin, 0, 0,
					"expected MODEL@GPU[:PRECISION[:PRICING[/PROVIDER]]]");
		*p++ = '\0';
		fields[1] = p;
		for (int i = 2; i < 4 && (p = strchr(p, ':')); i++) {
			*p++ = '\0';
			fields[i] = p;
		}
		if (fields[3] && (p = strchr(fields[3], '/'))) {
			*p++ = '\0';
			fields[4] = p;
		}
		for (int i = 0; i < 5; i++) {
			if (!fields[i])
				continue;
			snprintf(path, sizeof(path), "options.%zu.self_hosted.%s", n, parts[i]);
			if (ydoc_set(doc, path, fields[i], origin, d))
				return d->code;
		}
	}
	return ST_OK;
}

/* ---- reading -------------------------------------------------------------- */

/* model.md 7.1: a named shape or {hourly: [24 numbers >= 0], weekend: W}. */
static enum status read_profile(struct profile *p, const struct ynode *v, struct diag *d)
{
	static const char *const keys[] = {"hourly", "weekend"};
	const struct ynode *h, *we;
	double sum = 0;
	int idx;

	if (v->type == Y_SCALAR) {
		/* the named shapes sit between PROFILE_NONE and PROFILE_CUSTOM */
		if (yenum(v, "profile", profile_names + PROFILE_FLAT,
			  PROFILE_CUSTOM - PROFILE_FLAT, &idx, d))
			return d->code;
		profile_named(p, (enum profile_shape)(idx + PROFILE_FLAT));
		return ST_OK;
	}
	if (v->type != Y_MAP)
		return ynode_error(d, v, "'profile' must be a shape name (flat, business_hours, "
				   "diurnal, batch_nightly) or {hourly: [24 numbers], weekend: W}");
	if (ymap_check(v, "profile", keys, 2, d))
		return d->code;
	if (!(h = ymap_get(v, "hourly")))
		return ynode_error(d, v, "a custom profile needs 'hourly': 24 numbers, hour 0 to 23");
	if (h->type != Y_SEQ || h->n != 24)
		return ynode_error(d, h, "'hourly' must be a list of 24 numbers (hour 0 to 23), not %s%zu",
				   h->type == Y_SEQ ? "" : "a scalar or mapping: ",
				   h->type == Y_SEQ ? h->n : (size_t)0);
	profile_named(p, PROFILE_FLAT);
	p->shape = PROFILE_CUSTOM;
	for (int i = 0; i < 24; i++) {
		if (ynum(h->kids[i], "hourly", 0, 1e9, false, &p->hourly[i], d))
			return d->code;
		sum += p->hourly[i];
	}
	if (!(sum > 0))
		return ynode_error(d, h, "'hourly' is all zeros: a profile needs some load");
	if ((we = ymap_get(v, "weekend")) && ynum(we, "weekend", 0, 1e6, false, &p->weekend, d))
		return d->code;
	return ST_OK;
}

/* model.md 7.1: the `profile` of workload or segment mapping `wl` into `p`
 * (*has set when there is one); giving peak_to_average beside it is an
 * error, since a profile's peak is its max load. */
static enum status read_shape(const struct ynode *wl, struct profile *p, bool *has,
			      struct diag *d)
{
	const struct ynode *prof = ymap_get(wl, "profile");

	if (!prof)
		return ST_OK;
	if (ymap_get(wl, "peak_to_average"))
		return ynode_error(d, ymap_get(wl, "peak_to_average"),
				   "give 'profile' or 'peak_to_average', not both: a "
				   "profile's peak is its max load");
	*has = true;
	return read_profile(p, prof, d);
}

/* Reads the workload keys of mapping `wl` (other keys are the caller's)
 * into g/wv/wloc and checks its volume form (model.md 1); sets *has_volume.
 * With `optional`, a mapping without a volume is fine. */
static enum status read_volume(const struct ynode *wl, bool *g, double *wv, struct loc *wloc,
			       bool *has_volume, bool optional, struct diag *d)
{
	int form_key[4] = {-1, -1, -1, -1}; /* first key seen of each form */
	enum form seen = FORM_NONE;

	for (size_t i = 0; i < wl->n; i++) {
		const struct ynode *key = wl->kids[2 * i], *v = wl->kids[2 * i + 1];
		int k = name_index(workload_keys, WK_COUNT, key->str);
		enum form f;
		double lo, hi;
		bool lo_open;

		if (k < 0)
			continue; /* profile, segments, name, options: the caller's */
		f = form_of(k);
		workload_key_range(k, &lo, &hi, &lo_open);
		if (ynum(v, key->str, lo, hi, lo_open, &wv[k], d))
			return d->code;
		g[k] = true;
		wloc[k] = v->loc;
		if (f == FORM_NONE)
			continue;
		if (form_key[f] < 0)
			form_key[f] = k;
		if (seen != FORM_NONE && seen != f)
			return ynode_error(d, key,
					   "workload gives both '%s' and '%s': use one volume form "
					   "(tokens per month, tokens per day, or requests)",
					   workload_keys[form_key[seen]], key->str);
		seen = f;
	}
	/* model.md 2: a token is read from the cache, written to it, or neither */
	if (g[WK_CACHE_WRITE_FRACTION] && g[WK_CACHED_INPUT_FRACTION] &&
	    wv[WK_CACHED_INPUT_FRACTION] + wv[WK_CACHE_WRITE_FRACTION] > 1)
		return ynode_error(d, ymap_get(wl, "cache_write_fraction"),
				   "cached_input_fraction + cache_write_fraction must be <= 1 (a share of "
				   "input tokens is read from the cache, written to it, or neither)");
	*has_volume = seen != FORM_NONE;
	switch (seen) {
	case FORM_NONE:
		if (optional)
			return ST_OK;
		return ynode_error(d, wl,
				   "workload needs a volume: input_tokens_per_month and "
				   "output_tokens_per_month, the same per day, or requests_per_month "
				   "(or _per_day) with input_tokens_per_request and "
				   "output_tokens_per_request");
	case FORM_MONTH:
	case FORM_DAY: {
		int in = seen == FORM_MONTH ? WK_INPUT_TOKENS_PER_MONTH : WK_INPUT_TOKENS_PER_DAY;
		int missing = !g[in] ? in : !g[in + 1] ? in + 1 : -1;
		int present = missing == in ? in + 1 : in;
		if (missing >= 0)
			return ynode_error(d, ymap_get(wl, workload_keys[present]),
					   "workload gives '%s' but not '%s'", workload_keys[present],
					   workload_keys[missing]);
		break;
	}
	case FORM_REQUESTS: {
		/* blame the key that was given (a flag, when it came from one), not
		 * the workload of a file the user did not write */
		const struct ynode *at = ymap_get(wl, workload_keys[form_key[FORM_REQUESTS]]);
		if (g[WK_REQUESTS_PER_MONTH] && g[WK_REQUESTS_PER_DAY])
			return ynode_error(d, ymap_get(wl, "requests_per_day"),
					   "give 'requests_per_month' or 'requests_per_day', not both");
		if (!g[WK_REQUESTS_PER_MONTH] && !g[WK_REQUESTS_PER_DAY])
			return ynode_error(d, at, "per-request token counts need 'requests_per_month' "
					   "or 'requests_per_day' (--requests-per-month N)");
		for (int k = WK_INPUT_TOKENS_PER_REQUEST; k <= WK_OUTPUT_TOKENS_PER_REQUEST; k++) {
			if (!g[k])
				return ynode_error(d, at, "the requests form needs '%s' (%s N)",
						   workload_keys[k],
						   k == WK_INPUT_TOKENS_PER_REQUEST ? "--input-per-request"
										    : "--output-per-request");
		}
		break;
	}
	}
	return ST_OK;
}

/* Reads the workload; with `partial`, one without a volume is fine. With
 * `segments` (model.md 7.4) the volume is the segments' (read later). */
static enum status read_workload(struct scenario *sc, const struct ynode *wl, bool partial,
				 struct diag *d)
{
	const char *allowed[WK_COUNT + 2];
	const struct ynode *segs;

	if (!wl)
		return diag_set(d, ST_INPUT, sc->file, 1, 1, "missing required key 'workload'");
	memcpy(allowed, workload_keys, sizeof(workload_keys));
	allowed[WK_COUNT] = "profile";
	allowed[WK_COUNT + 1] = "segments";
	if (ymap_check(wl, "workload", allowed, WK_COUNT + 2, d))
		return d->code;
	if (read_shape(wl, &sc->profile, &sc->has_profile, d))
		return d->code;
	if (sc->has_profile) {
		sc->profile_loc = ymap_get(wl, "profile")->loc;
		sc->profile_source = from_command_line(ymap_get(wl, "profile")) ? "set" : "scenario";
	}
	segs = ymap_get(wl, "segments");
	if (read_volume(wl, sc->given, sc->wv, sc->wloc, &sc->has_workload, partial || segs, d))
		return d->code;
	if (segs && sc->has_workload) {
		for (int k = 0; k < WK_COUNT; k++) {
			if (sc->given[k] && form_of(k) != FORM_NONE)
				return ynode_error(d, ymap_get(wl, workload_keys[k]),
						   "workload gives 'segments' and '%s': with segments "
						   "each segment gives its own volume", workload_keys[k]);
		}
	}
	if (segs)
		sc->has_workload = true;
	return ST_OK;
}

static const struct field self_host_fields[] = {
	{"model", F_CUSTOM, 0, true, 0, 0, false},
	{"gpu", F_CUSTOM, 0, true, 0, 0, false},
	{"precision", F_CUSTOM, 0, false, 0, 0, false},
	{"pricing", F_CUSTOM, 0, false, 0, 0, false},
	{"provider", F_CUSTOM, 0, false, 0, 0, false},
	{"tensor_parallel", F_CUSTOM, 0, false, 0, 0, false},
	{"scaling", F_CUSTOM, 0, false, 0, 0, false},
};

static enum status read_provider(struct option_spec *o, const struct ynode *v,
				 struct strpool *pool, struct diag *d)
{
	const char *s, *names[64];
	size_t n = 0;
	char hint[160];

	if (ystr(v, "provider", &s, d))
		return d->code;
	if (o->pricing == PRICE_OWNED)
		return ynode_error(d, v, "'provider' names a rental price row; pricing 'owned' has none");
	for (size_t i = 0; i < o->gpu->n_prices; i++) {
		if (strcmp(o->gpu->prices[i].provider, s) == 0 && o->gpu->prices[i].mode == o->pricing) {
			o->provider = strpool_dup(pool, s);
			return o->provider ? ST_OK : oom(d);
		}
		if (n < 64 && o->gpu->prices[i].mode == o->pricing)
			names[n++] = o->gpu->prices[i].provider;
	}
	return ynode_error(d, v, "gpu '%s' has no %s price from provider '%s'%s", o->gpu->id,
			   pricing_names[o->pricing], s, suggest_hint(hint, sizeof(hint), s, names, n));
}

static enum status read_self_hosted(struct option_spec *o, const struct ynode *sh,
				    const struct catalog *cat, struct strpool *pool, struct diag *d)
{
	static const char *const tp_names[] = {"auto", "1", "2", NULL, "4", NULL, NULL, NULL, "8"};
	const struct ynode *v;
	const char *s;
	int idx;

	if (yread_fields(sh, "self_hosted option", self_host_fields,
			 sizeof(self_host_fields) / sizeof(self_host_fields[0]), NULL, pool, d))
		return d->code;
	v = ymap_get(sh, "model");
	if (ystr(v, "model", &s, d))
		return d->code;
	if (!(o->model = catalog_model(cat, s)))
		return catalog_unknown_model(cat, &v->loc, s, d);
	v = ymap_get(sh, "gpu");
	if (ystr(v, "gpu", &s, d))
		return d->code;
	if (!(o->gpu = catalog_gpu(cat, s)))
		return catalog_unknown_gpu(cat, &v->loc, s, d);
	o->precision = PREC_BF16;
	if ((v = ymap_get(sh, "precision"))) {
		if (yenum(v, "precision", precision_names, PREC_COUNT, &idx, d))
			return d->code;
		o->precision = (enum precision)idx;
	}
	o->pricing = PRICE_ON_DEMAND;
	if ((v = ymap_get(sh, "pricing"))) {
		if (yenum(v, "pricing", pricing_names, PRICE_COUNT, &idx, d))
			return d->code;
		o->pricing = (enum pricing)idx;
	}
	if ((v = ymap_get(sh, "provider")) && read_provider(o, v, pool, d))
		return d->code;
	if ((v = ymap_get(sh, "tensor_parallel"))) {
		if (yenum(v, "tensor_parallel", tp_names, 9, &idx, d))
			return d->code;
		o->tensor_parallel = idx;
	}
	if ((v = ymap_get(sh, "scaling"))) {
		static const char *const scalings[] = {"static", "hourly"};
		/* model.md 7.2, 7.3: only rented capacity follows the load */
		if (o->kind == OPT_HYBRID)
			return ynode_error(d, v, "'scaling' has no place in a hybrid: its base runs "
					   "all month and the overflow takes the bursts");
		if (yenum(v, "scaling", scalings, 2, &idx, d))
			return d->code;
		o->scaling = (enum scaling)idx;
		if (o->scaling == SCALING_HOURLY && o->pricing == PRICE_OWNED)
			return ynode_error(d, v, "'scaling: hourly' needs rented GPUs; pricing 'owned' "
					   "buys them to run all month");
	}
	return ST_OK;
}

/* model.md 7.3: the overflow of a hybrid, an api or managed id, bare or
 * with its kind ("gpt-4o", "api:gpt-4o"). */
static enum status read_overflow(struct option_spec *o, const struct ynode *v,
				 const struct catalog *cat, struct diag *d)
{
	const char *s, *id;

	if (ystr(v, "overflow", &s, d))
		return d->code;
	id = strncmp(s, "api:", 4) == 0 ? s + 4 : strncmp(s, "managed:", 8) == 0 ? s + 8 : s;
	if ((o->api = catalog_api(cat, id)))
		return ST_OK;
	if (catalog_model(cat, id) || strncmp(s, "self_hosted:", 12) == 0 ||
	    strncmp(s, "hybrid:", 7) == 0)
		return ynode_error(d, v, "overflow '%s' is self-hosted: the overflow must be an api "
				   "or managed id", s);
	return catalog_unknown_api(cat, &v->loc, id, d);
}

static enum status read_hybrid(struct option_spec *o, const struct ynode *h,
			       const struct catalog *cat, struct strpool *pool, struct diag *d)
{
	static const char *const keys[] = {"self_hosted", "overflow", "replicas"};
	const struct ynode *v;
	double n;

	if (ymap_check(h, "hybrid option", keys, 3, d))
		return d->code;
	if (!(v = ymap_get(h, "self_hosted")))
		return ynode_error(d, h, "a hybrid needs 'self_hosted': its base deployment");
	if (read_self_hosted(o, v, cat, pool, d))
		return d->code;
	if (!(v = ymap_get(h, "overflow")))
		return ynode_error(d, h, "a hybrid needs 'overflow': the api or managed id that "
				   "takes what the base cannot");
	if (read_overflow(o, v, cat, d))
		return d->code;
	if ((v = ymap_get(h, "replicas")) && !(v->type == Y_SCALAR && strcmp(v->str, "auto") == 0)) {
		if (ynum(v, "replicas", 0, 1e6, false, &n, d))
			return d->code;
		if (n < 1 || n != floor(n))
			return ynode_error(d, v, "'replicas' must be 'auto' or a whole number >= 1, "
					   "got '%s'", v->str);
		o->replicas = (int)n;
	}
	return ST_OK;
}

static enum status read_option(struct option_spec *o, const struct ynode *e,
			       const struct catalog *cat, struct strpool *pool, struct diag *d)
{
	const struct ynode *key, *v;
	const char *s;
	int k;

	memset(o, 0, sizeof(*o));
	if (ymap_check(e, "option", option_keys, 4, d))
		return d->code;
	if (e->n != 1)
		return ynode_error(d, e, "an option has exactly one of 'api', 'managed', "
				   "'self_hosted', 'hybrid'");
	key = e->kids[0];
	v = e->kids[1];
	k = name_index(option_keys, 4, key->str);
	o->kind = (enum option_kind)k;
	if (o->kind == OPT_SELF_HOSTED) {
		if (read_self_hosted(o, v, cat, pool, d))
			return d->code;
	} else if (o->kind == OPT_HYBRID) {
		if (read_hybrid(o, v, cat, pool, d))
			return d->code;
	} else {
		if (ystr(v, key->str, &s, d))
			return d->code;
		if (!(o->api = catalog_api(cat, s)))
			return catalog_unknown_api(cat, &v->loc, s, d);
		if ((o->api->kind == KIND_MANAGED) != (o->kind == OPT_MANAGED))
			return ynode_error(d, v, "'%s' is a%s endpoint: list it as '%s: %s'", s,
					   o->api->kind == KIND_MANAGED ? " managed open-model"
									: "n api",
					   o->api->kind == KIND_MANAGED ? "managed" : "api", s);
	}
	option_format_id(o);
	return ST_OK;
}

/* model.md 7.1: an option that walks the week needs one; without a
 * profile the one-peak-hour shape exists only for a peak below 24. With
 * `seg`, the week of that segment (its own shape, else the top level's). */
static enum status check_week(const struct scenario *sc, const struct segment *seg,
			      const struct option_spec *o, const struct ynode *at, struct diag *d)
{
	bool own = seg && (seg->has_profile || seg->given[WK_PEAK_TO_AVERAGE]);
	bool has_profile = own ? seg->has_profile : sc->has_profile;
	double p = own ? seg->wv[WK_PEAK_TO_AVERAGE]
		       : sc->given[WK_PEAK_TO_AVERAGE] ? sc->wv[WK_PEAK_TO_AVERAGE] : 1;

	if (o->kind != OPT_HYBRID && o->scaling != SCALING_HOURLY)
		return ST_OK;
	if (has_profile || p < 24)
		return ST_OK;
	if (own)
		return ynode_error(d, at, "option '%s' follows the load hour by hour: without a "
				   "profile, segment '%s' needs a peak_to_average below 24",
				   o->id, seg->name);
	return ynode_error(d, at, "option '%s' follows the load hour by hour: without a "
			   "workload.profile its peak_to_average must be below 24", o->id);
}

static enum status read_options(struct scenario *sc, const struct ynode *list,
				const struct catalog *cat, struct diag *d)
{
	struct strmap ids; /* the ids read so far, for the duplicate check */
	enum status st = ST_OK;

	if (!list)
		return diag_set(d, ST_INPUT, sc->file, 1, 1, "missing required key 'options'");
	if (list->type != Y_SEQ || list->n == 0)
		return ynode_error(d, list, "'options' must be a list of at least one option");
	sc->options = calloc(list->n, sizeof(*sc->options));
	sc->option_locs = calloc(list->n, sizeof(*sc->option_locs));
	if (!sc->options || !sc->option_locs)
		return oom(d);
	strmap_init(&ids);
	for (size_t i = 0; i < list->n && !st; i++) {
		struct option_spec *o = &sc->options[i];
		if (read_option(o, list->kids[i], cat, sc->pool, d) ||
		    check_week(sc, NULL, o, list->kids[i], d)) {
			st = d->code;
			break;
		}
		sc->option_locs[i] = list->kids[i]->loc;
		switch (strmap_add(&ids, o->id, i, NULL)) {
		case -1:
			st = oom(d);
			break;
		case 0:
			st = ynode_error(d, list->kids[i], "option '%s' is listed twice", o->id);
			break;
		default:
			sc->n_options++;
		}
	}
	strmap_release(&ids);
	return st;
}

/* ---- segments (model.md 7.4) ---------------------------------------------- */

/* Reads a pricing or precision name of an option id; -1 when unknown. */
static int id_part(const char *s, const char *const *names, int n)
{
	return name_index(names, (size_t)n, s);
}

/* An option given by its id in a segment: one of the scenario's options,
 * or any id of interface.md (api:ID, managed:ID,
 * self_hosted:M@G:P:PRICING[/PROV][~hourly],
 * hybrid:M@G:P:PRICING[/PROV]+KIND:ID[*N]) resolved against the catalog. */
static enum status read_option_id(struct option_spec *o, const struct scenario *sc,
				  const struct ynode *v, const struct catalog *cat,
				  struct strpool *pool, struct diag *d)
{
	char buf[256], *p, *f[5] = {0}, *over = NULL, *n_fixed = NULL;
	const char *s, *ids[256];
	size_t n_ids = 0;
	char hint[300];
	int k;

	if (ystr(v, "option", &s, d))
		return d->code;
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < sc->n_options; i++) {
		if (strcmp(sc->options[i].id, s) == 0) {
			*o = sc->options[i];
			return ST_OK;
		}
		if (n_ids < 256)
			ids[n_ids++] = sc->options[i].id;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	if ((p = strchr(buf, ':')))
		*p++ = '\0';
	k = p ? name_index(option_kind_names, OPT_KIND_COUNT, buf) : -1;
	if (k < 0) {
		/* a bare catalog id is the likeliest slip: suggest it with its kind */
		const struct api_model *m = NULL;
		const char *best = suggest(s, ids, n_ids), *api_ids[512], *near;
		size_t n_api = cat->n_api < 512 ? cat->n_api : 512;
		for (size_t i = 0; i < n_api; i++)
			api_ids[i] = cat->api[i].id;
		if (!best && (near = suggest(s, api_ids, n_api)))
			m = catalog_api(cat, near);
		if (best)
			snprintf(hint, sizeof(hint), " (did you mean '%s'?)", best);
		else if (m)
			snprintf(hint, sizeof(hint), " (did you mean '%s:%s'?)",
				 m->kind == KIND_MANAGED ? "managed" : "api", m->id);
		else
			hint[0] = '\0';
		return ynode_error(d, v, "unknown option '%s': give an id (api:ID, managed:ID, "
				   "self_hosted:MODEL@GPU:PRECISION:PRICING, hybrid:...) or a "
				   "mapping%s", s, hint);
	}
	o->kind = (enum option_kind)k;
	if (o->kind == OPT_API || o->kind == OPT_MANAGED) {
		if (!(o->api = catalog_api(cat, p)))
			return catalog_unknown_api(cat, &v->loc, p, d);
		if ((o->api->kind == KIND_MANAGED) != (o->kind == OPT_MANAGED))
			return ynode_error(d, v, "'%s' is a%s endpoint: list it as '%s:%s'", p,
					   o->api->kind == KIND_MANAGED ? " managed open-model" : "n api",
					   o->api->kind == KIND_MANAGED ? "managed" : "api", p);
		option_format_id(o);
		return ST_OK;
	}
	/* MODEL@GPU:PRECISION:PRICING[/PROVIDER][~hourly][+KIND:ID][*N] */
	if (o->kind == OPT_HYBRID && (over = strchr(p, '+')))
		*over++ = '\0';
	if (over && (n_fixed = strchr(over, '*')))
		*n_fixed++ = '\0';
	if (o->kind == OPT_SELF_HOSTED && (f[4] = strstr(p, "~hourly")) && !f[4][7]) {
		*f[4] = '\0';
		o->scaling = SCALING_HOURLY;
	}
	f[0] = p;
	if ((p = strchr(p, '@')))
		*p++ = '\0';
	f[1] = p;
	for (int i = 2; p && i < 4 && (p = strchr(p, ':')); i++) {
		*p++ = '\0';
		f[i] = p;
	}
	if (f[3] && (p = strchr(f[3], '/'))) {
		*p++ = '\0';
		o->provider = strpool_dup(pool, p);
	}
	if (!f[1] || !f[2] || !f[3] || (o->kind == OPT_HYBRID && !over))
		return ynode_error(d, v, "option '%s' is not an id of the form %s%s", s,
				   o->kind == OPT_HYBRID ? "hybrid:MODEL@GPU:PRECISION:PRICING+api:ID"
							 : "self_hosted:MODEL@GPU:PRECISION:PRICING",
				   suggest_hint(hint, sizeof(hint), s, ids, n_ids));
	if (!(o->model = catalog_model(cat, f[0])))
		return catalog_unknown_model(cat, &v->loc, f[0], d);
	if (!(o->gpu = catalog_gpu(cat, f[1])))
		return catalog_unknown_gpu(cat, &v->loc, f[1], d);
	if ((k = id_part(f[2], precision_names, PREC_COUNT)) < 0)
		return ynode_error(d, v, "unknown precision '%s' in option '%s'", f[2], s);
	o->precision = (enum precision)k;
	if ((k = id_part(f[3], pricing_names, PRICE_COUNT)) < 0)
		return ynode_error(d, v, "unknown pricing '%s' in option '%s'", f[3], s);
	o->pricing = (enum pricing)k;
	if (o->scaling == SCALING_HOURLY && o->pricing == PRICE_OWNED)
		return ynode_error(d, v, "'scaling: hourly' needs rented GPUs; pricing 'owned' "
				   "buys them to run all month");
	if (over) {
		const char *id = strncmp(over, "api:", 4) == 0 ? over + 4
				 : strncmp(over, "managed:", 8) == 0 ? over + 8 : over;
		if (!(o->api = catalog_api(cat, id)))
			return catalog_unknown_api(cat, &v->loc, id, d);
	}
	if (n_fixed) {
		double n;
		if (!num_parse(n_fixed, &n) || n < 1 || n != floor(n) || n > 1e6)
			return ynode_error(d, v, "'replicas' must be 'auto' or a whole number >= 1, "
					   "got '%s'", n_fixed);
		o->replicas = (int)n;
	}
	option_format_id(o);
	return ST_OK;
}

static enum status read_segment(struct scenario *sc, struct segment *seg, const struct ynode *e,
				const struct catalog *cat, struct diag *d)
{
	const char *allowed[WK_COUNT + 3];
	const struct ynode *v, *list;
	bool has_volume;
	const char *s;

	memcpy(allowed, workload_keys, sizeof(workload_keys));
	allowed[WK_COUNT] = "name";
	allowed[WK_COUNT + 1] = "options";
	allowed[WK_COUNT + 2] = "profile";
	if (ymap_check(e, "segment", allowed, WK_COUNT + 3, d))
		return d->code;
	seg->loc = e->loc;
	if (!(v = ymap_get(e, "name")))
		return ynode_error(d, e, "a segment needs a 'name'");
	if (ystr(v, "name", &s, d))
		return d->code;
	if (!(seg->name = strpool_dup(sc->pool, s)))
		return oom(d);
	/* model.md 7.4: "other workload keys inherited from the top level
	 * unless given"; the shape is one key (7.1), so a segment's profile or
	 * peak_to_average replaces the top level's profile or peak */
	if (read_shape(e, &seg->profile, &seg->has_profile, d) ||
	    read_volume(e, seg->given, seg->wv, seg->wloc, &has_volume, false, d))
		return d->code;
	list = ymap_get(e, "options");
	if (!list || list->type != Y_SEQ || list->n == 0)
		return ynode_error(d, list ? list : e, "segment '%s' needs 'options': a list of at "
				   "least one option id or mapping", seg->name);
	if (!(seg->options = calloc(list->n, sizeof(*seg->options))))
		return oom(d);
	for (size_t i = 0; i < list->n; i++) {
		struct option_spec *o = &seg->options[i];
		const struct ynode *x = list->kids[i];
		if (x->type == Y_SCALAR ? read_option_id(o, sc, x, cat, sc->pool, d)
					: read_option(o, x, cat, sc->pool, d))
			return d->code;
		if (check_week(sc, seg, o, x, d))
			return d->code;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(seg->options[j].id, o->id) == 0)
				return ynode_error(d, x, "option '%s' is listed twice in segment '%s'",
						   o->id, seg->name);
		}
		seg->n_options++;
	}
	return ST_OK;
}

/* model.md 7.4: workload.segments, after the scenario's options (a segment
 * may name one of them by id). */
static enum status read_segments(struct scenario *sc, const struct ynode *wl,
				 const struct catalog *cat, struct diag *d)
{
	const struct ynode *list = ymap_get(wl, "segments");

	if (!list)
		return ST_OK;
	if (list->type != Y_SEQ || list->n == 0)
		return ynode_error(d, list, "'segments' must be a list of at least one segment");
	if (!(sc->segments = calloc(list->n, sizeof(*sc->segments))))
		return oom(d);
	for (size_t i = 0; i < list->n; i++) {
		/* counted before it is read, so that scenario_release frees
		 * what a segment that fails half-way allocated */
		sc->n_segments++;
		if (read_segment(sc, &sc->segments[i], list->kids[i], cat, d))
			return d->code;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(sc->segments[j].name, sc->segments[i].name) == 0)
				return ynode_error(d, list->kids[i], "segment '%s' is named twice",
						   sc->segments[i].name);
		}
	}
	return ST_OK;
}

static const struct field threshold_fields[] = {
	{"metric", F_CUSTOM, 0, true, 0, 0, false},
	{"option", F_STR, offsetof(struct threshold, option), false, 0, 0, false},
	{"max", F_CUSTOM, 0, false, 0, 0, false},
	{"min", F_CUSTOM, 0, false, 0, 0, false},
	{"equals", F_STR, offsetof(struct threshold, equals), false, 0, 0, false},
	{"level", F_CUSTOM, 0, false, 0, 0, false},
};

static enum status option_ref(const struct scenario *sc, const struct ynode *v, const char *id,
			      struct diag *d)
{
	return scenario_option_ref(sc, id, &v->loc, d);
}

static enum status read_threshold(struct scenario *sc, struct threshold *t, const struct ynode *e,
				  struct diag *d)
{
	int metric, level = LEVEL_FAIL, kind;
	bool equality;

	if (yread_fields(e, "threshold", threshold_fields,
			 sizeof(threshold_fields) / sizeof(threshold_fields[0]), t, sc->pool, d))
		return d->code;
	if (yenum(ymap_get(e, "metric"), "metric", metric_names, M_COUNT, &metric, d))
		return d->code;
	if (ymap_get(e, "level") && yenum(ymap_get(e, "level"), "level", level_names, 2, &level, d))
		return d->code;
	t->metric = (enum metric)metric;
	t->level = (enum level)level;
	t->loc = e->loc;
	/* a utilization is a fraction: 0.5 or 50%, never 50 */
	for (int i = 0; i < 2; i++) {
		const char *key = i ? "min" : "max";
		const struct ynode *v = ymap_get(e, key);
		double *slot = i ? &t->min : &t->max;
		*slot = NAN;
		bool share = t->metric == M_UTILIZATION ||
			     t->metric == M_MIN_PROBABILITY_CHEAPEST;
		if (v && (share ? ynum(v, key, 0, 1, false, slot, d)
				: ynum(v, key, -1e300, 1e300, false, slot, d)))
			return d->code;
	}
	t->has_max = cat_has(t->max);
	t->has_min = cat_has(t->min);
	/* a range no value is in can only fail: a typo, not a threshold */
	if (t->has_max && t->has_min && t->min > t->max) {
		char lo[40], hi[40];
		return ynode_error(d, ymap_get(e, "min"),
				   "'min' (%s) is above 'max' (%s): no %s could pass; swap them or "
				   "drop one", num_shortest(lo, sizeof(lo), t->min),
				   num_shortest(hi, sizeof(hi), t->max), metric_names[t->metric]);
	}
	/* model.md 10: a yes-or-no metric about every option */
	if (t->metric == M_REQUIREMENTS_MET) {
		const char *extra = t->has_max ? "max" : t->has_min ? "min" : t->equals ? "equals"
						: t->option ? "option" : NULL;
		if (extra)
			return ynode_error(d, ymap_get(e, extra),
					   "metric 'requirements_met' takes no '%s': it fails when no "
					   "option meets the scenario's requirements", extra);
		/* at least one option meets them */
		t->has_min = true;
		t->min = 1;
		return ST_OK;
	}
	/* model.md 8.1: a share of draws, at least */
	if (t->metric == M_MIN_PROBABILITY_CHEAPEST && (t->has_max || !t->has_min))
		return ynode_error(d, t->has_max ? ymap_get(e, "max") : e,
				   "metric 'min_probability_cheapest' takes 'min', the least share of "
				   "draws (0 to 1) in which the option must be cheapest");
	equality = t->metric == M_CHEAPEST_KIND || t->metric == M_CHEAPEST_OPTION;
	if (equality && !t->equals)
		return ynode_error(d, e, "metric '%s' needs 'equals'", metric_names[t->metric]);
	if (equality && (t->has_max || t->has_min))
		return ynode_error(d, e, "metric '%s' takes 'equals', not 'max' or 'min'", metric_names[t->metric]);
	if (!equality && t->equals)
		return ynode_error(d, ymap_get(e, "equals"), "metric '%s' takes 'max' or 'min', not 'equals'",
				   metric_names[t->metric]);
	if (!equality && !t->has_max && !t->has_min)
		return ynode_error(d, e, "metric '%s' needs 'max' or 'min'", metric_names[t->metric]);
	if (t->metric == M_CHEAPEST_KIND &&
	    yenum(ymap_get(e, "equals"), "equals", option_kind_names, OPT_KIND_COUNT, &kind, d))
		return d->code;
	if (t->metric == M_CHEAPEST_OPTION &&
	    option_ref(sc, ymap_get(e, "equals"), t->equals, d))
		return d->code;
	if (t->option && t->metric == M_PORTFOLIO_MONTHLY_COST)
		return ynode_error(d, ymap_get(e, "option"),
				   "metric 'portfolio_monthly_cost' is about the portfolio of "
				   "workload.segments; it takes no 'option'");
	if (t->option && (equality || t->metric == M_STALE_PRICES))
		return ynode_error(d, ymap_get(e, "option"),
				   "metric '%s' is about %s; it takes no 'option'", metric_names[t->metric],
				   equality ? "the cheapest option" : "every option");
	/* model.md 7.4 in 8.1: with segments the portfolio is a simulated row */
	if (t->option &&
	    !(t->metric == M_MIN_PROBABILITY_CHEAPEST && sc->n_segments && strcmp(t->option, "portfolio") == 0) &&
	    option_ref(sc, ymap_get(e, "option"), t->option, d))
		return d->code;
	if (t->option && t->metric == M_UTILIZATION &&
	    strncmp(t->option, "self_hosted:", 12) != 0 && strncmp(t->option, "hybrid:", 7) != 0)
		return ynode_error(d, ymap_get(e, "option"),
				   "metric 'utilization' is about a self_hosted or hybrid option, not '%s'",
				   t->option);
	return ST_OK;
}

/* The `horizon` section (model.md 9): each key in its range, rates also as
 * percentages ("5%"), and a lead time within the horizon. */
static enum status read_horizon(struct scenario *sc, const struct ynode *map, struct diag *d)
{
	const char *names[HZ_COUNT];
	struct horizon_set *h = &sc->horizon;
	struct horizon_params p;

	if (!map)
		return ST_OK;
	for (int k = 0; k < HZ_COUNT; k++)
		names[k] = horizon_keys[k].name;
	if (ymap_check(map, "horizon", names, HZ_COUNT, d))
		return d->code;
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = map->kids[2 * i], *v = map->kids[2 * i + 1];
		int k = name_index(names, HZ_COUNT, key->str);
		const struct horizon_key_spec *spec = &horizon_keys[k];

		if (v->type != Y_SCALAR || !(spec->rate ? num_parse_rate(v->str, &h->v[k])
							: num_parse(v->str, &h->v[k])))
			return ynode_error(d, v, "'%s' must be %s", key->str,
					   spec->rate ? "a number or a percentage such as 5%"
						      : "a whole number of months");
		h->given[k] = true;
		h->loc[k] = v->loc;
		if (horizon_key_check((enum hz_key)k, h->v[k], &h->loc[k], d))
			return d->code;
	}
	return horizon_resolve(&p, h, d);
}

static enum status read_thresholds(struct scenario *sc, const struct ynode *list, struct diag *d)
{
	if (!list)
		return ST_OK;
	if (list->type != Y_SEQ)
		return ynode_error(d, list, "'thresholds' must be a list");
	sc->thresholds = calloc(list->n ? list->n : 1, sizeof(*sc->thresholds));
	if (!sc->thresholds)
		return oom(d);
	for (size_t i = 0; i < list->n; i++) {
		if (read_threshold(sc, &sc->thresholds[i], list->kids[i], d))
			return d->code;
		sc->n_thresholds++;
	}
	return ST_OK;
}

/* ---- uncertainty (model.md 8) ------------------------------------------------ */

static const char *const uncertainty_keys[] = {"draws", "seed", "ranges"};
static const char *const dist_keys[] = {"low", "mode", "high", "p10", "p90"};

/* One entry of `ranges`: KEY: {low, high} | {low, mode, high} | {p10, p90}. */
static enum status read_range(struct scenario *sc, const struct ynode *key, const struct ynode *v,
			      struct diag *d)
{
	struct range r;
	const struct ynode *num[5];
	unsigned mask = 0;

	memset(&r, 0, sizeof(r));
	if (range_key(&r, key->str, sc->given, sc->has_profile, &key->loc, d) ||
	    ymap_check(v, key->str, dist_keys, 5, d))
		return d->code;
	for (int i = 0; i < 5; i++) {
		if ((num[i] = ymap_get(v, dist_keys[i])))
			mask |= 1u << i;
	}
	/* bits: low 1, mode 2, high 4, p10 8, p90 16 */
	if (mask == 5)
		r.dist = UD_UNIFORM;
	else if (mask == 7)
		r.dist = UD_TRIANGULAR;
	else if (mask == 24)
		r.dist = UD_LOGNORMAL;
	else
		return ynode_error(d, v, "'%s' needs {low, high} (uniform), {low, mode, high} "
				   "(triangular) or {p10, p90} (lognormal)", key->str);
	if (r.dist == UD_LOGNORMAL) {
		if (ynum(num[3], "p10", -1e300, 1e300, false, &r.low, d) ||
		    ynum(num[4], "p90", -1e300, 1e300, false, &r.high, d))
			return d->code;
	} else if (ynum(num[0], "low", -1e300, 1e300, false, &r.low, d) ||
		   ynum(num[2], "high", -1e300, 1e300, false, &r.high, d) ||
		   (num[1] && ynum(num[1], "mode", -1e300, 1e300, false, &r.mode, d))) {
		return d->code;
	}
	r.loc = v->loc;
	if (range_finish(&r, d))
		return d->code;
	return uncertainty_put(&sc->uncertainty, &r, d);
}

static enum status read_uncertainty(struct scenario *sc, const struct ynode *u, struct diag *d)
{
	const struct ynode *v;
	double x;

	if (!u)
		return ST_OK;
	if (ymap_check(u, "uncertainty", uncertainty_keys, 3, d))
		return d->code;
	if ((v = ymap_get(u, "draws"))) {
		if (ynum(v, "draws", 1, UNC_MAX_DRAWS, false, &x, d))
			return d->code;
		if (x != floor(x))
			return ynode_error(d, v, "'draws' must be a whole number");
		sc->uncertainty.draws = x;
	}
	if ((v = ymap_get(u, "seed"))) {
		if (ynum(v, "seed", 0, 9007199254740992.0, false, &x, d))
			return d->code;
		if (!num_is_exact_whole(v->str ? v->str : "", x))
			return ynode_error(d, v, "'seed' must be a whole number from 0 to 2^53");
		sc->uncertainty.seed = (uint64_t)x;
	}
	if ((v = ymap_get(u, "ranges"))) {
		if (v->type != Y_MAP)
			return ynode_error(d, v, "'ranges' must be a mapping of keys to ranges");
		for (size_t i = 0; i < v->n; i++) {
			if (read_range(sc, v->kids[2 * i], v->kids[2 * i + 1], d))
				return d->code;
		}
	}
	return ST_OK;
}

enum status scenario_load(struct scenario *sc, const struct catalog *cat, const char *name,
			  const char *text, size_t len, const struct override *overrides,
			  size_t n_overrides, unsigned flags, struct diag *d)
{
	struct ydoc doc;
	const struct ynode *root, *v;
	bool cleared = false;
	double version;
	enum status st;

	memset(sc, 0, sizeof(*sc));
	uncertainty_init(&sc->uncertainty);
	if (!(sc->pool = strpool_new()) || !(sc->file = strpool_dup(sc->pool, name)))
		return oom(d);
	if ((st = ydoc_parse(&doc, name, text, len, d)))
		goto out;
	for (size_t i = 0; i < n_overrides; i++) {
		const struct override *ov = &overrides[i];
		if (doc.root && doc.root->type != Y_MAP)
			break; /* reported below */
		st = ov->kind == OV_SET ? apply_set(&doc, ov, d)
					: apply_option(&doc, cat, ov, &cleared,
						       flags & SC_REPLACE_OPTIONS, d);
		if (st)
			goto out;
	}
	sc->options_replaced = cleared;
	st = ST_INPUT;
	if (!(root = doc.root)) {
		if (flags & SC_PARTIAL) {
			st = ST_OK;
			goto out;
		}
		diag_set(d, ST_INPUT, name, 1, 1, "empty scenario: expected a mapping with 'workload' and 'options'");
		goto out;
	}
	if (ymap_check(root, "scenario", top_keys, sizeof(top_keys) / sizeof(top_keys[0]), d))
		goto out;
	if ((v = ymap_get(root, "schema_version")) && ynum(v, "schema_version", 1, 1, false, &version, d))
		goto out;
	if ((v = ymap_get(root, "name"))) {
		const char *s;
		if (ystr(v, "name", &s, d))
			goto out;
		if (!(sc->name = strpool_dup(sc->pool, s))) {
			st = oom(d);
			goto out;
		}
	}
	if ((v = ymap_get(root, "description")) && ystr(v, "description", &(const char *){0}, d))
		goto out;
	if (((ymap_get(root, "workload") || !(flags & SC_PARTIAL)) &&
	     read_workload(sc, ymap_get(root, "workload"), flags & SC_PARTIAL, d)) ||
	    ((ymap_get(root, "options") || !(flags & SC_PARTIAL)) &&
	     read_options(sc, ymap_get(root, "options"), cat, d)) ||
	    read_segments(sc, ymap_get(root, "workload"), cat, d) ||
	    yread_assumptions(ymap_get(root, "assumptions"), "assumptions", &sc->assumptions, d) ||
	    read_thresholds(sc, ymap_get(root, "thresholds"), d) ||
	    read_horizon(sc, ymap_get(root, "horizon"), d) ||
	    read_uncertainty(sc, ymap_get(root, "uncertainty"), d) ||
	    read_requirements(sc, cat, ymap_get(root, "requirements"), d))
		goto out;
	/* the tree's file names die with it: keep ours */
	for (int k = 0; k < WK_COUNT; k++)
		sc->wloc[k].file = sc->wloc[k].line ? sc->file : NULL;
	sc->profile_loc.file = sc->profile_loc.line ? sc->file : NULL;
	for (size_t i = 0; i < sc->n_segments; i++) {
		struct segment *seg = &sc->segments[i];
		seg->loc.file = seg->loc.line ? sc->file : NULL;
		for (int k = 0; k < WK_COUNT; k++)
			seg->wloc[k].file = seg->wloc[k].line ? sc->file : NULL;
	}
	for (int k = 0; k < A_COUNT; k++)
		sc->assumptions.loc[k].file = sc->assumptions.loc[k].line ? sc->file : NULL;
	for (size_t i = 0; i < sc->n_options; i++)
		sc->option_locs[i].file = sc->option_locs[i].line ? sc->file : NULL;
	for (size_t i = 0; i < sc->n_thresholds; i++)
		sc->thresholds[i].loc.file = sc->thresholds[i].loc.line ? sc->file : NULL;
	for (int k = 0; k < HZ_COUNT; k++) {
		struct loc *l = &sc->horizon.loc[k];
		/* a flag's place is its text ("--growth horizon.KEY=V"): horizon
		 * checks that need the workload name it after loading */
		if (!sc->horizon.given[k])
			l->file = NULL;
		else if (!(l->file = l->line ? sc->file : strpool_dup(sc->pool, l->file))) {
			st = oom(d);
			goto out;
		}
	}
	for (size_t i = 0; i < sc->uncertainty.n; i++) {
		struct loc *l = &sc->uncertainty.ranges[i].loc;
		l->file = l->line ? sc->file : NULL;
	}
	st = ST_OK;
out:
	if (st && d->code != st)
		st = d->code;
	ydoc_release(&doc);
	return st;
}
