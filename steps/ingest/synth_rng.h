/*
 * Counter-based random numbers for the synthetic generator: a stream is keyed by
 * (seed, key) and draws follow with a splitmix64 sequence, so the numbers drawn for
 * one day never depend on how many were drawn for another (the prefix property).
 */
#ifndef SYNTH_RNG_H
#define SYNTH_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
	double spare;		/* the second normal of a Box-Muller pair */
	int has_spare;
};

void rng_seed(struct rng *r, uint64_t seed, uint64_t key);
uint64_t rng_next(struct rng *r);
/* Uniform on (0, 1). */
double rng_unif(struct rng *r);
double rng_norm(struct rng *r);
/*
 * A fat-tailed unit-variance draw: a normal whose scale is 2.2 with probability 0.1
 * and 0.85 otherwise (excess kurtosis about 3.6, like a t with 6 degrees of freedom).
 */
double rng_fat(struct rng *r);

#endif
