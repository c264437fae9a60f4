/* The Kalman filter with sequential scalar updates (see kalman.h). */
#include <math.h>
#include <string.h>

#include "die.h"
#include "kalman.h"

#define M KALMAN_MAXDIM

/* x = F x; P = F P F' + Q. */
static void
kf_predict(const struct kalman *k, double *x, double *P)
{
	double nx[M] = {0}, FP[M * M];
	size_t i, j, l, m = k->m;

	for (i = 0; i < m; i++)
		for (nx[i] = 0, j = 0; j < m; j++)
			nx[i] += k->F[i * m + j] * x[j];
	memcpy(x, nx, m * sizeof *x);
	for (i = 0; i < m; i++)
		for (j = 0; j < m; j++)
			for (FP[i * m + j] = 0, l = 0; l < m; l++)
				FP[i * m + j] += k->F[i * m + l] * P[l * m + j];
	for (i = 0; i < m; i++)
		for (j = 0; j < m; j++) {
			double s = k->Q[i * m + j];

			for (l = 0; l < m; l++)
				s += FP[i * m + l] * k->F[j * m + l];
			P[i * m + j] = s;
		}
}

/* Update with the scalar observation y = h x + v, var(v) = r. */
static int
kf_update(size_t m, const double *h, double r, double y, double *x, double *P)
{
	double Ph[M], K[M], s = r, innov = y;
	size_t i, j;

	for (i = 0; i < m; i++) {
		for (Ph[i] = 0, j = 0; j < m; j++)
			Ph[i] += P[i * m + j] * h[j];
		s += h[i] * Ph[i];
		innov -= h[i] * x[i];
	}
	if (!(s > 0))
		return error("kalman: non-positive innovation variance");
	for (i = 0; i < m; i++) {
		K[i] = Ph[i] / s;
		x[i] += K[i] * innov;
	}
	/* P - K h'P, symmetrised by construction (Ph is P h). */
	for (i = 0; i < m; i++)
		for (j = 0; j < m; j++)
			P[i * m + j] -= K[i] * Ph[j];
	return 0;
}

int
kalman_filter(const struct kalman *k, const double *y, size_t n, double *xf,
    double *Pf)
{
	double x[M], P[M * M];
	size_t t, o, m = k->m;

	if (m == 0 || m > M || k->p == 0 || k->p > M)
		return error("kalman: bad dimensions m=%zu p=%zu", m, k->p);
	memcpy(x, k->x0, m * sizeof *x);
	memcpy(P, k->P0, m * m * sizeof *P);
	for (t = 0; t < n; t++) {
		kf_predict(k, x, P);
		for (o = 0; o < k->p; o++) {
			double v = y[t * k->p + o];

			if (isnan(v))
				continue;
			if (kf_update(m, &k->H[o * m], k->R[o], v, x, P) != 0)
				return -1;
		}
		memcpy(&xf[t * m], x, m * sizeof *x);
		if (Pf != NULL)
			memcpy(&Pf[t * m * m], P, m * m * sizeof *P);
	}
	return 0;
}
