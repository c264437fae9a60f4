/*
 * Gaussian hidden Markov model with full covariances: deterministic k-means
 * initialisation, Baum-Welch (EM) with scaled forward-backward recursions (emission
 * densities in log space, shifted by their per-row maximum), posterior state
 * probabilities. Viterbi is not provided.
 */
#ifndef HMM_H
#define HMM_H

#include <stddef.h>

struct hmm {
	size_t K, d;		/* states, dimensions */
	double *pi;		/* K initial probabilities */
	double *A;		/* K x K transitions, rows sum to 1 */
	double *mu;		/* K x d means */
	double *cov;		/* K x d x d covariances */
	double min_covar;	/* added to each covariance diagonal (default 1e-6) */
	double loglik;		/* log-likelihood at the last E-step of hmm_fit */
	int iterations;		/* EM iterations run */
	int converged;		/* 1 when the gain fell below tol */
};

/*
 * Allocate a K-state, d-dimensional model (parameters zeroed): pi, A, mu and cov
 * share one block, which hmm_release frees.
 */
void hmm_init(struct hmm *h, size_t K, size_t d);
void hmm_release(struct hmm *h);
/*
 * Initial parameters from X (n x d, row-major, all finite): k-means++ seeded with
 * a fixed seed (so the result is reproducible), 50 Lloyd iterations, cluster
 * covariances (the pooled one for clusters smaller than d + 1), uniform pi and
 * a persistent transition matrix (0.9 on the diagonal). Returns 0 or -1.
 */
int hmm_init_kmeans(struct hmm *h, const double *X, size_t n, unsigned long seed);
/*
 * Baum-Welch from the current parameters: at most max_iter iterations, stopping
 * when the log-likelihood gains less than tol. ll_trace (max_iter values, or NULL)
 * receives the log-likelihood before each M-step. Returns 0, or -1 with error()
 * (singular covariance, vanishing likelihood).
 */
int hmm_fit(struct hmm *h, const double *X, size_t n, int max_iter, double tol,
    double *ll_trace);
/* Posterior P(state_t = k | X) into gamma (n x K) and the log-likelihood; 0 or -1. */
int hmm_posterior(const struct hmm *h, const double *X, size_t n, double *gamma,
    double *loglik);
/* Log density of N(mu_k, cov_k) at every row: logb (n x K). 0 or -1. */
int hmm_log_emissions(const struct hmm *h, const double *X, size_t n, double *logb);

#endif
