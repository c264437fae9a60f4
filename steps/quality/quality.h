/* The quality step's checks (docs/MODELS.md "quality", docs/MODELS.md §8, docs/DATA.md). */
#ifndef QUALITY_H
#define QUALITY_H

#include <stddef.h>

#include <jansson.h>

#include "data_catalogue.h"
#include "dataset.h"
#include "domain.h"
#include "date.h"
#include "series.h"


/* What the per-series checks found for one series. */
struct q_series {
	const char *id;
	int present;
	day_t last;			/* last non-missing observation, -1 if none */
	int days_behind, stale;
	size_t missing_days, null_values, longest_run;	/* gaps (daily series) */
	int gap_flag;
	size_t range_flagged, outliers, pit;
};

/*
 * Run the per-series checks on s (NULL when absent) against catalogue entry e
 * (NULL when not catalogued), appending details to the arrays given (any may be
 * NULL). Fills q.
 */
void q_check_series(const struct series *s, const struct cat_entry *e, day_t as_of,
    struct q_series *q, json_t *range_det, json_t *outlier_det, json_t *pit_det);

/* Curve integrity over ds: appends issue strings to details; returns the count. */
size_t q_check_curves(const struct dataset *ds, json_t *details);

/* Score of docs/MODELS.md §8 from the counts; absent series weigh half a stale one. */
int q_score(size_t total, size_t stale, size_t absent, size_t acc, size_t curve,
    size_t pit);
const char *q_status(int score);
/*
 * The gate (docs/DATA.md "Quality"): the score capped at 69 (WARN) when a critical
 * series is stale or absent or more than a quarter of the catalogue has no
 * observation, at 39 (FAIL) when three critical series are or more than half has none.
 */
int q_gate(int score, size_t total, size_t missing, size_t critical_bad);

/*
 * The "quality" section (new reference). On FAIL, returns NULL and writes the
 * one-line reason naming the worst findings into why (whysz bytes).
 */
json_t *quality_compute(const json_t *state, char *why, size_t whysz);

#endif
