/* Counter-based splitmix64 streams for the synthetic generator. */
#include <math.h>
#include <stdint.h>

#include "synth_rng.h"

#define TWO_PI 6.283185307179586
#define SQRT2 1.4142135623730951

static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *r, uint64_t seed, uint64_t key)
{
	r->s = mix(seed * 0x9e3779b97f4a7c15ULL + mix(key + 0x632be59bd9b4e019ULL));
	r->has_spare = 0;
}

uint64_t
rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

double
rng_unif(struct rng *r)
{
	return ((double)(rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

/* Box-Muller; the pair's second value is kept for the next call. */
double
rng_norm(struct rng *r)
{
	double u, v, m;

	if (r->has_spare) {
		r->has_spare = 0;
		return r->spare;
	}
	u = rng_unif(r);
	v = rng_unif(r);
	m = sqrt(-2.0 * log(u));
	r->spare = m * sin(TWO_PI * v);
	r->has_spare = 1;
	return m * cos(TWO_PI * v);
}

double
rng_fat(struct rng *r)
{
	/* Var = 0.1 * 2.2^2 + 0.9 * 0.85^2 = 1.13425; divide by its square root. */
	double scale = rng_unif(r) < 0.1 ? 2.2 : 0.85;

	return rng_norm(r) * scale / 1.0650117370;
}
