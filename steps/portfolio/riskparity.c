/*
 * Risk parity: equal risk contributions of the signed book (a net SHORT holds
 * minus the instrument's returns) on the Ledoit-Wolf covariance of the
 * instruments' daily returns (common/instrument.h) over config.portfolio.window
 * business days, keeping only days on which every instrument has a finite return
 * (a NaN/null anywhere drops that day for all). With fewer than min_observations
 * such days, or when the solver fails, the equal-risk fallback: inverse
 * volatility (each instrument's own finite returns, >= 20) or, failing that,
 * equal weights.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "date.h"
#include "die.h"
#include "erc.h"
#include "ledoitwolf.h"
#include "portfolio.h"
#include "xalloc.h"

/* Inverse-volatility weights into w (k of them); 0, or -1 when a vol is missing. */
static int
inverse_vol(const struct dataset *ds, const struct instrument *const *ins, size_t k,
    size_t window, double *w)
{
	day_t *cal = xcalloc(window, sizeof *cal), d = date_prev_bday(ds->as_of);
	double *r = xcalloc(window, sizeof *r), s = 0;
	size_t i, t;
	int rc = 0;

	for (t = window; t-- > 0; d = date_add_bdays(d, -1))
		cal[t] = d;
	for (i = 0; i < k && rc == 0; i++) {
		double m = 0, ss = 0;
		size_t n = 0;

		instrument_returns(ds, ins[i], cal, window, r);
		for (t = 0; t < window; t++)
			if (isfinite(r[t])) {
				n++;
				m += r[t];
				ss += r[t] * r[t];
			}
		if (n < 20 || !((ss - m * m / (double)n) > 0))
			rc = -1;
		else
			s += w[i] = 1 / sqrt((ss - m * m / (double)n) / (double)(n - 1));
	}
	for (i = 0; i < k && rc == 0; i++)
		w[i] /= s;
	free(cal);
	free(r);
	return rc;
}

/* The fallback of the header comment. */
static void
equal_risk(struct book *b, const struct dataset *ds, const struct instrument *const *ins,
    size_t k, size_t window, double *w)
{
	size_t i;

	b->method = "equal_risk";
	b->basis = "inverse_vol";
	if (inverse_vol(ds, ins, k, window, w) == 0)
		return;
	b->basis = "equal_weight";
	for (i = 0; i < k; i++)
		w[i] = 1 / (double)k;
}

void
book_risk_parity(struct book *b, const struct dataset *ds, const struct pconf *pc)
{
	const struct instrument *ins[MAXINS];
	double w[MAXINS], sgn[MAXINS], held[MAXINS * MAXINS], *R;
	day_t *cal;
	size_t i, k = 0, rows;

	for (i = 0; i < n_instruments; i++)
		if (b->l[i].active && b->l[i].net != 0) {
			sgn[k] = b->l[i].net < 0 ? -1 : 1;
			b->idx[k] = (int)i;
			ins[k++] = &instruments[i];
		}
	b->method = "risk_parity";
	b->basis = "erc_ledoit_wolf";
	if (k == 0)
		return;
	rows = instrument_matrix(ds, ins, k, (size_t)pc->window, &cal, &R);
	b->observations = rows;
	if (rows >= (size_t)pc->min_obs && ledoit_wolf(R, rows, k, b->cov, &b->shrinkage) == 0) {
		b->k = k;
		/*
		 * Equal contributions of the book as held: a net SHORT holds minus the
		 * instrument's returns, so the solver sees the covariance D Sigma D,
		 * D = diag(sign of the net). b->cov stays that of the LONG returns.
		 */
		for (i = 0; i < k * k; i++)
			held[i] = b->cov[i] * sgn[i / k] * sgn[i % k];
		if (erc_solve(held, k, NULL, ERC_TOL, ERC_MAXITER, w, NULL) < 0) {
			snprintf(b->warning, sizeof b->warning,
			    "risk parity solver failed (%s): equal risk instead",
			    errno == ERANGE ? "no convergence" : "covariance not usable");
			warn("%s", b->warning);
			equal_risk(b, ds, ins, k, (size_t)pc->window, w);
		}
	} else {
		snprintf(b->warning, sizeof b->warning, "%zu aligned observations, fewer "
		    "than %ld: equal risk", rows, pc->min_obs);
		equal_risk(b, ds, ins, k, (size_t)pc->window, w);
	}
	for (i = 0; i < k; i++)
		b->l[b->idx[i]].rp = b->l[b->idx[i]].net < 0 ? -w[i] : w[i];
	free(cal);
	free(R);
}
