/*
 * The configuration table (common/conf.h): every key under the state's "config", its
 * type, range, default and the steps that read it. docs/CONFIG.md is printed from it
 * (`daily_run config --markdown`); the reasons behind the defaults are on each step's
 * page in docs/ (RISK.md, STRATEGIES.md, DATA.md).
 */
#include <math.h>
#include <stddef.h>

#include "conf.h"

#define INF INFINITY
#define INT(k, lo, hi, def, rd, doc)	{ k, CONF_INT, lo, hi, 0, def, rd, doc, NULL }
#define NUM(k, lo, hi, f, def, rd, doc)	{ k, CONF_NUM, lo, hi, f, def, rd, doc, NULL }
#define POS(k, def, rd, doc)		NUM(k, 0, INF, CONF_GT_MIN, def, rd, doc)
#define PATH(k, f, rd, doc)		{ k, CONF_PATH, 0, 0, f, NULL, rd, doc, NULL }
#define OBJ(k, f, rd, doc)		{ k, CONF_OBJ, 0, 0, f, NULL, rd, doc, NULL }

/* The lifecycle parameters every strategy has (docs/STRATEGIES.md "Configuration"). */
#define LIFECYCLE(id, horizon) \
	NUM("strategies." id ".max_position", 0, 10, 0, "1.0", "strategies", \
	    "largest position weight, x NAV budget"), \
	NUM("strategies." id ".stop_k", 0, 100, CONF_GT_MIN, "1.0", "strategies", \
	    "stop distance in sigma x sqrt(horizon)"), \
	NUM("strategies." id ".take_k", 0, 100, CONF_GT_MIN, "1.5", "strategies", \
	    "target distance in sigma x sqrt(horizon)"), \
	INT("strategies." id ".horizon_days", 1, 1000, #horizon, "strategies", \
	    "business days a package is held at most"), \
	INT("strategies." id ".cooldown_days", 0, 1000, "5", "strategies", \
	    "business days without re-entry after a stop or target"), \
	INT("strategies." id ".sigma_window", 20, 2199, "63", "strategies", \
	    "daily level changes in the stop and target's sigma")

#define KIND_CAPS(key, r, f, s, e, c, i, doc) \
	NUM("portfolio." key ".rate", 1e-9, 1000, 0, r, "portfolio", doc ", rates"), \
	NUM("portfolio." key ".spread", 1e-9, 1000, 0, f, "portfolio", doc ", spreads"), \
	NUM("portfolio." key ".fx", 1e-9, 1000, 0, s, "portfolio", doc ", FX"), \
	NUM("portfolio." key ".equity", 1e-9, 1000, 0, e, "portfolio", doc ", equity"), \
	NUM("portfolio." key ".commodity", 1e-9, 1000, 0, c, "portfolio", \
	    doc ", commodities"), \
	NUM("portfolio." key ".inflation", 1e-9, 1000, 0, i, "portfolio", \
	    doc ", inflation")

const struct conf_key conf_keys[] = {
	/* Read by several steps or by daily_run itself. */
	{ "require_real", CONF_BOOL, 0, 0, 0, "false", "daily_run",
	    "refuse the synthetic default data (= --require-real)", NULL },
	PATH("catalogue", 0, "ingest",
	    "the data catalogue (DAILY_CATALOGUE wins; default: the installed one)"),
	PATH("report_dir", CONF_RUNTIME, "report",
	    "where step-report writes this run's files (daily_run sets it)"),
	PATH("report_index_dir", CONF_RUNTIME, "report",
	    "the reports/ directory whose index.html lists every run (daily_run sets it)"),
	PATH("previous_portfolio_file", CONF_RUNTIME, "strategies portfolio",
	    "the previous business day's portfolio state (daily_run sets it)"),
	OBJ("track_record", CONF_RUNTIME | CONF_OPEN, "risk",
	    "the book's daily P&L rows before as_of (daily_run reads them from the database)"),
	OBJ("previous_weights", 0, "portfolio",
	    "instrument -> weight held before today (instead of the previous run's)"),
	NUM("previous_weights.*", -INF, INF, 0, NULL, "portfolio",
	    "the weight of one instrument, x NAV"),

	/* ingest (docs/DATA.md) */
	INT("ingest.lookback_days", 1, 20000, "757", "ingest",
	    "daily levels loaded before as_of (756 returns of the risk window + 1)"),
	INT("ingest.lookback_years", 1, 100, "15", "ingest",
	    "years of monthly and quarterly series loaded"),
	INT("ingest.lookback_weekly_years", 1, 100, "5", "ingest",
	    "years of weekly series loaded"),
	INT("ingest.seed", 0, INF, "20050103", "ingest",
	    "the synthetic generator's seed"),

	/* strategies (docs/STRATEGIES.md "Configuration") */
	LIFECYCLE("RATES_BR_01", 21),
	NUM("strategies.RATES_BR_01.carry_threshold", 0, 100, CONF_GT_MIN, "1.5",
	    "strategies", "carry-to-risk ratio that opens a position"),
	LIFECYCLE("RATES_BR_02", 63),
	NUM("strategies.RATES_BR_02.r_star", -10, 50, 0, "4.5", "strategies",
	    "neutral real rate, % (Taylor rule)"),
	NUM("strategies.RATES_BR_02.alpha", 0, 10, 0, "1.5", "strategies",
	    "Taylor rule weight on the inflation gap"),
	NUM("strategies.RATES_BR_02.beta", 0, 10, 0, "0.5", "strategies",
	    "Taylor rule weight on the output gap"),
	NUM("strategies.RATES_BR_02.gap_threshold_bps", 0, 10000, CONF_GT_MIN, "100",
	    "strategies", "Selic minus Taylor rate that opens a position, bp"),
	LIFECYCLE("RATES_BR_03", 63),
	NUM("strategies.RATES_BR_03.z_threshold", 0, 10, CONF_GT_MIN, "1.5", "strategies",
	    "|z| of the 2y-5y slope that opens a position"),
	LIFECYCLE("RATES_BR_04", 21),
	NUM("strategies.RATES_BR_04.z_threshold", 0, 10, CONF_GT_MIN, "2.0", "strategies",
	    "|z| of the US-BR spread that opens a position"),
	NUM("strategies.RATES_BR_04.move_threshold_bps", 0, 10000, CONF_GT_MIN, "15",
	    "strategies", "US 2y move that counts as a shock, bp"),
	LIFECYCLE("INF_BR_01", 63),
	NUM("strategies.INF_BR_01.threshold_bps", 0, 10000, CONF_GT_MIN, "50", "strategies",
	    "breakeven minus Focus that opens a position, bp"),
	LIFECYCLE("FX_BR_01", 21),
	NUM("strategies.FX_BR_01.carry_weight", 0, 1, 0, "0.40", "strategies",
	    "weight of carry in the composite"),
	NUM("strategies.FX_BR_01.beer_weight", 0, 1, 0, "0.35", "strategies",
	    "weight of the BEER valuation in the composite"),
	NUM("strategies.FX_BR_01.flow_weight", 0, 1, 0, "0.25", "strategies",
	    "weight of the FX flow in the composite"),
	NUM("strategies.FX_BR_01.comp_threshold", 0, 1, CONF_GT_MIN | CONF_LT_MAX, "0.1",
	    "strategies", "|composite| that opens a position"),
	INT("strategies.FX_BR_01.carry_window", 60, 1078, "252", "strategies",
	    "USDBRL dates in the carry z-score"),
	NUM("strategies.FX_BR_01.regime_threshold", 0, 1, 0, "0.3", "strategies",
	    "aggregate regime score above which the weight is scaled"),
	NUM("strategies.FX_BR_01.regime_scale", 0, 1, 0, "0.5", "strategies",
	    "the weight's scale in that regime"),
	LIFECYCLE("CUPOM_01", 63),
	NUM("strategies.CUPOM_01.z_threshold", 0, 10, CONF_GT_MIN, "2.0", "strategies",
	    "|z| of the CIP basis that opens a position"),
	LIFECYCLE("SOV_BR_01", 63),
	NUM("strategies.SOV_BR_01.z_threshold", 0, 10, CONF_GT_MIN, "1.5", "strategies",
	    "|z| of DI_10Y that opens a position"),
	NUM("strategies.SOV_BR_01.fiscal_high", 0, 1, 0, "0.6", "strategies",
	    "fiscal risk above which the book is short DI_10Y"),
	NUM("strategies.SOV_BR_01.fiscal_low", 0, 1, 0, "0.3", "strategies",
	    "fiscal risk below which the book is long DI_10Y"),

	/* portfolio (docs/STRATEGIES.md "Limits") */
	NUM("portfolio.nav", 1, 1e15, 0, "1e9", "portfolio risk report",
	    "net asset value, BRL"),
	KIND_CAPS("max_notional", "5", "2", "1", "0.5", "0.5", "3",
	    "notional per instrument, x NAV"),
	KIND_CAPS("max_class_notional", "15", "2", "1", "0.5", "0.5", "4",
	    "notional summed over a kind, x NAV"),
	NUM("portfolio.max_leverage", 1e-9, 1000, 0, "20", "portfolio",
	    "gross notional, x NAV"),
	NUM("portfolio.max_risk_share", 1e-9, 1, 0, "0.5", "portfolio",
	    "largest share of ex-ante variance of one package"),
	NUM("portfolio.drift_threshold", 0, 10, 0, "0.05", "portfolio",
	    "weight drift that calls for a rebalance"),
	NUM("portfolio.min_trade", 0, 10, 0, "0.01", "portfolio",
	    "smallest trade, x NAV"),
	NUM("portfolio.conflict_dampening", 0, 1, 0, "0.60", "portfolio",
	    "scale of packages in conflicting classes (used clamped to [0.5, 0.7])"),
	NUM("portfolio.target_vol", 0, 10, 0, "0.10", "portfolio",
	    "annualised volatility target (0: unit gross)"),
	NUM("portfolio.half_life", 0, 100000, 0, "90", "portfolio",
	    "covariance weights' half-life, days (0: equal weights)"),
	INT("portfolio.min_observations", 2, 100000, "60", "portfolio",
	    "common return days the covariance needs"),
	INT("portfolio.window", 2, 100000, "756", "portfolio",
	    "business days of returns in the covariance"),
	OBJ("portfolio.budgets", 0, "portfolio",
	    "strategy id -> risk budget (default 1 each)"),
	POS("portfolio.budgets.*", NULL, "portfolio", "the risk budget of one strategy"),

	/* risk (docs/RISK.md) */
	INT("risk.window", 1, 100000, "756", "risk", "business days of returns"),
	INT("risk.min_historical_obs", 1, 100000, "756", "risk",
	    "returns historical VaR needs"),
	INT("risk.mc_draws", 1, 10000000, "10000", "risk", "Monte Carlo VaR draws"),
	INT("risk.seed", 0, INF, "42", "risk", "Monte Carlo seed"),
	POS("risk.reverse_stress_loss", "0.10", "risk report",
	    "loss, fraction of NAV, the reverse stress test solves for"),
	NUM("risk.half_life", 0, INF, 0, "0", "risk",
	    "covariance weights' half-life, days (0: equal weights)"),
	NUM("risk.realised_drawdown", 0, 1, CONF_LT_MAX, NULL, "risk",
	    "drawdown from the high-water mark (instead of the track record's)"),
	INT("risk.backtest_window", 1, 100000, "250", "risk", "days in the VaR backtest"),
	OBJ("risk.returns_matrix", CONF_OPEN, "risk",
	    "{instruments, dates, values}: returns instead of ingest.series (what-if runs)"),
	OBJ("risk.limits", 0, "risk", "the risk limits below"),
	POS("risk.limits.max_var_95", "0.03", "risk", "95% VaR, fraction of NAV"),
	POS("risk.limits.max_var_99", "0.05", "risk", "99% VaR, fraction of NAV"),
	POS("risk.limits.max_drawdown", "0.10", "risk", "drawdown, fraction of NAV"),
	POS("risk.limits.max_leverage", "3", "risk",
	    "gross notional, x NAV (default: the portfolio's max_gross_notional, else 3)"),
	POS("risk.limits.max_single_position", "0.25", "risk",
	    "one instrument's notional, x NAV (default: the portfolio's caps by kind)"),
	POS("risk.limits.max_asset_class_concentration", "0.50", "risk",
	    "one class's notional, x NAV (default: the portfolio's caps by kind)"),
	POS("risk.limits.max_risk_budget", "0.20", "risk",
	    "one package's share of VaR"),
	POS("risk.limits.max_strategy_daily_loss", "0.02", "risk",
	    "one strategy's daily loss, fraction of NAV"),
	POS("risk.limits.max_asset_class_daily_loss", "0.03", "risk",
	    "one class's daily loss, fraction of NAV"),
};
const size_t conf_nkeys = sizeof(conf_keys) / sizeof(conf_keys[0]);
