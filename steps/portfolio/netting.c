/* Netting: the strategies' legs summed per instrument, with contributors. */
#include <math.h>
#include <string.h>

#include "die.h"
#include "exitcodes.h"
#include "field.h"
#include "portfolio.h"

static double
strength_mult(const char *s)
{
	if (strcmp(s, "STRONG") == 0)
		return 1.0;
	if (strcmp(s, "MODERATE") == 0)
		return 0.6;
	if (strcmp(s, "WEAK") == 0)
		return 0.3;
	return 0;
}

/* A member of position i that must be a string (a number when num). */
static const json_t *
member(const json_t *o, const char *key, int num, size_t i, const char *leg)
{
	const json_t *j = json_object_get(o, key);

	if (j == NULL || (num ? !json_is_number(j) : !json_is_string(j)))
		die(EXIT_DATAERR, "%s field 'strategies.positions[%zu]%s.%s'",
		    j == NULL ? "missing" : num ? "non-numeric" : "non-string", i, leg, key);
	return j;
}

static void
add_contributor(struct line *ln, const char *sid)
{
	size_t i;
	json_t *v;

	json_array_foreach(ln->contributors, i, v)
		if (strcmp(json_string_value(v), sid) == 0)
			return;
	json_array_append_new(ln->contributors, json_string(sid));
}

static void
net_position(struct book *b, const json_t *pos, size_t i)
{
	const char *sid = json_string_value(member(pos, "strategy_id", 0, i, ""));
	double conv = json_number_value(member(pos, "confidence", 1, i, "")) *
	    strength_mult(json_string_value(member(pos, "strength", 0, i, "")));
	const json_t *legs = json_object_get(pos, "legs"), *leg;
	const struct instrument *in;
	char where[32];
	size_t j;

	if (!json_is_array(legs) || json_array_size(legs) == 0)
		die(EXIT_DATAERR, "missing or empty field 'strategies.positions[%zu].legs'", i);
	json_array_foreach(legs, j, leg) {
		const char *id;
		struct line *ln;

		snprintf(where, sizeof where, ".legs[%zu]", j);
		id = json_string_value(member(leg, "instrument", 0, i, where));
		if ((in = instrument_find(id)) == NULL)
			die(EXIT_DATAERR, "unknown instrument '%s' in 'strategies.positions[%zu]%s'",
			    id, i, where);
		ln = &b->l[in - instruments];
		if (!ln->active) {
			ln->active = 1;
			ln->contributors = json_array();
		}
		ln->net += json_number_value(member(leg, "weight", 1, i, where));
		ln->conv_sum += conv;
		ln->conv_n++;
		add_contributor(ln, sid);
	}
}

void
book_net(struct book *b, const json_t *state)
{
	const json_t *positions = field_arr(state, "strategies.positions"), *p;
	size_t i;

	if (n_instruments > MAXINS)
		die(EXIT_SOFTWARE, "%zu instruments, portfolio.h allows %d", n_instruments, MAXINS);
	memset(b, 0, sizeof *b);
	b->shrinkage = NAN;
	b->ex_ante_vol = NAN;
	b->vol_scale = NAN;
	json_array_foreach(positions, i, p) {
		if (!json_is_object(p))
			die(EXIT_DATAERR, "field 'strategies.positions[%zu]' is not an object", i);
		net_position(b, p, i);
	}
}

void
book_release(struct book *b)
{
	size_t i;

	for (i = 0; i < n_instruments; i++)
		json_decref(b->l[i].contributors);
}
