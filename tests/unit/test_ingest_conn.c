/*
 * The connectors on small files written here, one quirk each: BOM, CRLF, decimal
 * comma, '.', 'null' and empty as missing, -2147483648, blank trailing lines, the
 * BCB "Fonte" line, quoted fields, filters, SGS JSON, ANBIMA interpolation, and the
 * malformed-row message naming file, line and field. Expected values are the
 * numbers in the files (or hand-computed below).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../steps/ingest/conn.h"
#include "date.h"
#include "tap.h"

static char tmpl[64];

/* Write text to a fresh temporary file; returns its path (static buffer). */
static const char *
put(const char *text)
{
	int fd;
	FILE *fp;

	snprintf(tmpl, sizeof(tmpl), "/tmp/test_ingest_XXXXXX");
	if ((fd = mkstemp(tmpl)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
	return tmpl;
}

static day_t
D(const char *s)
{
	day_t d = -1;

	(void)date_parse(s, &d);
	return d;
}

/* Read text with the defaults of kind; returns the connector's status. */
static int
load(const char *kind, char freq, const char *text, const char *col, struct obs *o,
    char *err)
{
	struct conn_opts c;
	int rc;

	conn_defaults(&c, kind, freq);
	if (col)
		snprintf(c.col, sizeof(c.col), "%s", col);
	c.path = put(text);
	c.name = "x.csv";
	memset(o, 0, sizeof(*o));
	rc = strcmp(kind, "bcb_sgs_json") == 0 ? conn_sgs_json(&c, o, err) :
	    conn_csv(&c, o, err);
	unlink(c.path);
	return rc;
}

static void
test_fred(void)
{
	struct obs o;
	char err[CONN_ERRSZ];

	check_int(load("fred_csv", 'D', "\xEF\xBB\xBF" "DATE,DEXBZUS\r\n2024-01-12,4.8869\r\n"
	    "2024-01-15,.\r\n2024-01-16,\r\n2024-01-17,4.9271\r\n\r\n\n", NULL, &o, err),
	    0, "fred: BOM, CRLF, '.', empty, blank trailing lines");
	check_int((long long)o.n, 4, "fred: 4 rows");
	check_dbl(o.v[0], 4.8869, 0, "fred: first value");
	check(isnan(o.v[1]) && isnan(o.v[2]), "fred: '.' and empty are missing");
	check_int(o.d[3], D("2024-01-17"), "fred: last date");
	obs_release(&o);
	check_int(load("fred_csv", 'D', "date,value\n2024-01-13,1\n2024-01-15,2\n", NULL,
	    &o, err), 0, "fred: weekend rows");
	check_int((long long)o.n, 1, "fred: a Saturday row is dropped for a daily series");
	obs_release(&o);
}

static void
test_bcb(void)
{
	struct obs o;
	char err[CONN_ERRSZ];

	check_int(load("bcb_sgs_csv", 'D', "Data;12 - CDI - % a.d.\n04/01/2010;0,032780\n"
	    "05/01/2010;\"1.234,5\"\nFonte;Cetip\n", NULL, &o, err), 0,
	    "bcb csv: ';', decimal comma, DD/MM/YYYY, Fonte line");
	check_int((long long)o.n, 2, "bcb csv: Fonte line skipped");
	check_int(o.d[0], D("2010-01-04"), "bcb csv: DD/MM/YYYY");
	check_dbl(o.v[0], 0.03278, 1e-12, "bcb csv: decimal comma");
	check_dbl(o.v[1], 1234.5, 1e-9, "bcb csv: quoted, thousands dot");
	obs_release(&o);
	check_int(load("bcb_sgs_json", 'M', "[{\"data\":\"01/01/2025\",\"valor\":\"0.16\"},"
	    "{\"data\":\"01/02/2025\",\"valor\":\"1,31\"},{\"data\":\"01/03/2025\","
	    "\"valor\":\"\"},{\"data\":\"01/04/2025\",\"valor\":\"-\"}]", NULL, &o, err),
	    0, "sgs json");
	check_int((long long)o.n, 4, "sgs json: 4 elements");
	check_dbl(o.v[0], 0.16, 0, "sgs json: '.' decimal");
	check_dbl(o.v[1], 1.31, 1e-12, "sgs json: decimal comma");
	check(isnan(o.v[2]) && isnan(o.v[3]), "sgs json: \"\" and \"-\" missing");
	obs_release(&o);
	check_int(load("bcb_sgs_json", 'M', "[{\"data\":\"01/01/2025\",\"valor\":\"abc\"}]",
	    NULL, &o, err), -1, "sgs json: bad valor");
	check_str(err, "'x.csv' element 1: field 'valor': invalid number 'abc'",
	    "sgs json: message names element and field");
	obs_release(&o);
	check_int(load("bcb_sgs_json", 'M', "[{\"data\":", NULL, &o, err), -1,
	    "sgs json: broken JSON");
	check_int(errno, EINVAL, "sgs json: broken JSON is a data error");
	obs_release(&o);
}

static void
test_yahoo_ipea(void)
{
	struct obs o;
	char err[CONN_ERRSZ];

	check_int(load("yahoo_csv", 'D', "Date,Open,High,Low,Close,Adj Close,Volume\n"
	    "2021-12-16,1,1,1,107000.5,1,0\n2021-12-17,null,null,null,null,null,null\n",
	    NULL, &o, err), 0, "yahoo");
	check_dbl(o.v[0], 107000.5, 0, "yahoo: Close column by default");
	check(isnan(o.v[1]), "yahoo: null");
	obs_release(&o);
	check_int(load("ipeadata_csv", 'M', "Data;JPM366_EMBI366\n2024.01;191,5\n"
	    "2024.02;\n", NULL, &o, err), 0, "ipeadata");
	check_int(o.d[0], D("2024-01-01"), "ipeadata: YYYY.MM is the month's first day");
	check_dbl(o.v[0], 191.5, 1e-12, "ipeadata: decimal comma");
	check(isnan(o.v[1]), "ipeadata: empty");
	obs_release(&o);
	check_int(load("csv", 'D', "date,median,n\n2022-11-17,5.26,-2147483648\n"
	    "2022-11-18,5.30,108\n", "n", &o, err), 0, "csv: R's integer NA");
	check(o.n == 2 && isnan(o.v[0]) && o.v[1] == 108, "csv: -2147483648 is missing");
	obs_release(&o);
}

static void
test_filter_and_errors(void)
{
	struct conn_opts c;
	struct obs o = { 0 };
	char err[CONN_ERRSZ];

	conn_defaults(&c, "csv", 'W');
	snprintf(c.col, sizeof(c.col), "cds");
	snprintf(c.filter, sizeof(c.filter), "country=Brazil");
	c.path = put("date,country,cds\n2014-01-03,Chile,80\n2014-01-03,Brazil,187.25\n");
	c.name = "w.csv";
	check_int(conn_csv(&c, &o, err), 0, "filter");
	check(o.n == 1 && o.v[0] == 187.25, "filter keeps the matching rows only");
	unlink(c.path);
	obs_release(&o);
	check_int(load("csv", 'D', "date,value\n2024-01-02,1\n2024-01-03,abc\n", NULL, &o,
	    err), -1, "malformed value");
	check_str(err, "'x.csv' line 3: field 2: invalid number 'abc'",
	    "malformed value: file, line and field");
	check_int(errno, EINVAL, "malformed value is EINVAL");
	obs_release(&o);
	check_int(load("csv", 'D', "date,value\n\n2024-02-30,1\n", NULL, &o, err), -1,
	    "impossible date");
	check_str(err, "'x.csv' line 3: field 1: invalid date '2024-02-30'",
	    "impossible date: message");
	obs_release(&o);
	check_int(load("csv", 'D', "date,value\n2024-01-02\n", NULL, &o, err), -1,
	    "short row");
	check_str(err, "'x.csv' line 2: field 2: missing field ''", "short row: message");
	obs_release(&o);
	check_int(load("csv", 'D', "date,value\n2024-01-02,1\n", "nope", &o, err), -1,
	    "unknown column");
	obs_release(&o);
	c.path = "/nonexistent/x.csv";
	check_int(conn_csv(&c, &o, err), -1, "unreadable file");
	check_int(errno, ENOENT, "unreadable file keeps errno");
	check_str(err, "unable to open 'w.csv': No such file or directory",
	    "unreadable file: message");
}

/*
 * Two filters, '+' for a space in a value (the SIDRA group file's layout), and a
 * value column beyond the 64th (the iam03 panel has 116).
 */
static void
test_filter2_wide(void)
{
	struct conn_opts c;
	struct obs o = { 0 };
	char err[CONN_ERRSZ], text[4096];
	size_t n = 0;
	int k;

	conn_defaults(&c, "csv", 'M');
	snprintf(c.col, sizeof(c.col), "valor");
	snprintf(c.filter, sizeof(c.filter), "variavel=Var.+%%+mensal");
	snprintf(c.filter2, sizeof(c.filter2), "grupo=Saúde+e+cuidados+pessoais");
	c.path = put("data,variavel,grupo,valor\n"
	    "2020-01-01,Var. % mensal,Habitação,0.55\n"
	    "2020-01-01,Var. % acum. 12m,Saúde e cuidados pessoais,5.4\n"
	    "2020-01-01,Var. % mensal,Saúde e cuidados pessoais,0.32\n");
	c.name = "g.csv";
	check_int(conn_csv(&c, &o, err), 0, "filter2");
	check(o.n == 1 && o.v[0] == 0.32, "filter2: both filters match, '+' is a space");
	unlink(c.path);
	obs_release(&o);
	conn_defaults(&c, "csv", 'M');
	n += (size_t)snprintf(text + n, sizeof(text) - n, "data");
	for (k = 1; k < 116; k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ",c%d", k);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "\n2025-10-01");
	for (k = 1; k < 116; k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ",%d", k);
	snprintf(text + n, sizeof(text) - n, "\n");
	snprintf(c.col, sizeof(c.col), "c90");
	c.path = put(text);
	check_int(conn_csv(&c, &o, err), 0, "116 columns");
	check(o.n == 1 && o.v[0] == 90, "116 columns: the 91st column read");
	unlink(c.path);
	obs_release(&o);
}

/* mean=: the mean of five cores (the iam03 panel's layout), missing when one is. */
static void
test_mean(void)
{
	struct conn_opts c;
	struct obs o = { 0 };
	char err[CONN_ERRSZ];

	conn_defaults(&c, "csv", 'M');
	snprintf(c.datecol, sizeof(c.datecol), "data");
	snprintf(c.mean, sizeof(c.mean), "ex0+ex3+ms+dp+p55");
	c.path = put("data,ibc_br,ex0,ex3,ms,dp,p55\n2025-10-01,101,0.20,0.25,0.18,0.30,0.27\n"
	    "2025-11-01,102,0.20,,0.18,0.30,0.27\n");
	c.name = "m.csv";
	check_int(conn_csv(&c, &o, err), 0, "mean");
	check_int((long long)o.n, 2, "mean: 2 rows");
	check_dbl(o.v[0], 1.20 / 5, 1e-12, "mean: (0.20 + 0.25 + 0.18 + 0.30 + 0.27) / 5");
	check(isnan(o.v[1]), "mean: one column missing is missing");
	obs_release(&o);
	snprintf(c.mean, sizeof(c.mean), "ex0+ex9");
	check_int(conn_csv(&c, &o, err), -1, "mean: unknown column");
	check_str(err, "'m.csv' line 1: field 0: no mean column 'ex9'", "mean: column named");
	unlink(c.path);
	obs_release(&o);
}

/* minus=: the band's half-width as upper bound minus centre (the target file's layout). */
static void
test_minus(void)
{
	struct conn_opts c;
	struct obs o = { 0 };
	char err[CONN_ERRSZ];

	conn_defaults(&c, "csv", 'M');
	snprintf(c.datecol, sizeof(c.datecol), "month_date");
	snprintf(c.col, sizeof(c.col), "upper");
	snprintf(c.minus, sizeof(c.minus), "target");
	c.path = put("year,month_date,target,upper\n2016,2016-12-01,4.50,6.50\n"
	    "2017,2017-01-01,4.50,6.00\n2019,2019-01-01,4.25,\n");
	c.name = "t.csv";
	check_int(conn_csv(&c, &o, err), 0, "minus: upper - target");
	check_int((long long)o.n, 3, "minus: 3 rows");
	check_dbl(o.v[0], 2.0, 1e-12, "minus: 6.50 - 4.50 = 2.00");
	check_dbl(o.v[1], 1.5, 1e-12, "minus: 6.00 - 4.50 = 1.50");
	check(isnan(o.v[2]), "minus: missing upper is missing");
	obs_release(&o);
	snprintf(c.minus, sizeof(c.minus), "lower");
	check_int(conn_csv(&c, &o, err), -1, "minus: unknown column");
	check_str(err, "'t.csv' line 1: field 0: no minus column 'lower'",
	    "minus: unknown column named");
	unlink(c.path);
	obs_release(&o);
}

static void
test_dates_values(void)
{
	day_t d;
	double v;

	check(conn_date("31.12.1999", NULL, &d) == 0 && d == D("1999-12-31"), "dd.mm.yyyy");
	check(conn_date("12/31/99", "mdy", &d) == 0 && d == D("1999-12-31"), "m/d/yy");
	check(conn_date("2024-01-02 00:00:00", NULL, &d) == 0 && d == D("2024-01-02"),
	    "ISO with a time");
	check(conn_date("2024-13-01", NULL, &d) < 0, "month 13 rejected");
	check(conn_date("199602", "yq", &d) == 0 && d == D("1996-04-01"), "YYYYQQ: Q2");
	check(conn_date("202204", "yq", &d) == 0 && d == D("2022-10-01"), "YYYYQQ: Q4");
	check(conn_date("202205", "yq", &d) < 0, "YYYYQQ: quarter 5 rejected");
	check(conn_date("11/2025", NULL, &d) == 0 && d == D("2025-11-01"), "MM/YYYY");
	check(conn_date("13/2025", NULL, &d) < 0, "MM/YYYY: month 13 rejected");
	check(conn_date("1833-01", NULL, &d) < 0, "year before 1900 rejected");
	check(conn_value("1e3", 0, &v) == 0 && v == 1000, "exponent");
	check(conn_value("0x10", 0, &v) < 0, "hex rejected");
	check(conn_value("1,5", 0, &v) < 0, "comma without decimal comma rejected");
	check(conn_value("N/A", 0, &v) == 0 && isnan(v), "N/A missing");
}

int
main(void)
{
	test_fred();
	test_bcb();
	test_yahoo_ipea();
	test_filter_and_errors();
	test_minus();
	test_mean();
	test_filter2_wide();
	test_dates_values();
	return test_done();
}
