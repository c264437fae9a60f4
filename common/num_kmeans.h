/* k-means clustering (k-means++ seeding with a fixed seed, then Lloyd iterations). */
#ifndef NUM_KMEANS_H
#define NUM_KMEANS_H

#include <stddef.h>

/*
 * Cluster X (n x d, row-major, finite) into K groups: centres (K x d) and labels (n).
 * Deterministic for a given seed. Returns 0, or -1 with error() when n < K.
 */
int kmeans(const double *X, size_t n, size_t d, size_t K, int iters,
    unsigned long seed, double *centres, size_t *labels);

#endif
