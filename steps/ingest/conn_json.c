/*
 * BCB SGS JSON connector: [{"data":"DD/MM/YYYY","valor":"1.23"}, ...] as the SGS API
 * returns it; valor may be a string (with '.' or a decimal comma) or a number, and
 * "" or "-" is missing.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "conn.h"
#include "date.h"
#include "die.h"

static int
bad(const struct conn_opts *o, char *err, size_t i, const char *field,
    const char *what, const char *val)
{
	return errbuf(err, CONN_ERRSZ, EINVAL, "'%s' element %zu: field '%s': %s '%s'", o->name,
	    i + 1, field, what, val);
}

static int
element(const struct conn_opts *o, size_t i, const json_t *e, struct obs *out,
    char *err)
{
	const json_t *jd = json_object_get(e, "data"), *jv = json_object_get(e, "valor");
	const char *s;
	char buf[32];
	day_t d;
	double v;

	if (!json_is_object(e))
		return bad(o, err, i, "", "not an object", "");
	if (!json_is_string(jd))
		return bad(o, err, i, "data", "missing or not a string", "");
	s = json_string_value(jd);
	if (conn_date(s, NULL, &d) < 0)
		return bad(o, err, i, "data", "invalid date", s);
	if (json_is_number(jv)) {
		v = json_number_value(jv);
	} else if (json_is_string(jv)) {
		s = json_string_value(jv);
		if (conn_value(s, strchr(s, ',') != NULL, &v) < 0)
			return bad(o, err, i, "valor", "invalid number", s);
	} else if (json_is_null(jv)) {
		v = NAN;
	} else {
		snprintf(buf, sizeof(buf), "%s", jv ? "wrong type" : "missing");
		return bad(o, err, i, "valor", buf, "");
	}
	if (o->freq == 'D' && !date_is_bday(d))
		return 0;
	if (!isnan(v)) {
		if (o->tr == TR_CDI_DAILY)
			v = (pow(1 + v / 100, TRADING_DAYS) - 1) * 100;
		v *= o->scale;
	}
	obs_push(out, d, v);
	return 0;
}

int
conn_sgs_json(const struct conn_opts *o, struct obs *out, char *err)
{
	json_error_t jerr;
	json_t *root;
	size_t i;
	int rc = 0;
	FILE *fp;

	if ((fp = fopen(o->path, "r")) == NULL)
		return errbuf(err, CONN_ERRSZ, errno, "unable to open '%s':", o->name);
	root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	fclose(fp);
	if (root == NULL) {
		return errbuf(err, CONN_ERRSZ, EINVAL, "'%s' line %d: column %d: %s", o->name,
		    jerr.line, jerr.column, jerr.text);
	}
	if (!json_is_array(root)) {
		json_decref(root);
		return errbuf(err, CONN_ERRSZ, EINVAL, "'%s': expected an array of {\"data\",\"valor\"}",
		    o->name);
	}
	for (i = 0; i < json_array_size(root) && rc == 0; i++)
		rc = element(o, i, json_array_get(root, i), out, err);
	json_decref(root);
	return rc;
}
