/* common/jarr.c: formatted strings onto a JSON array, of any length. */
#include <string.h>

#include <jansson.h>

#include "jarr.h"
#include "tap.h"

int
main(void)
{
	json_t *a = json_array();
	char want[1001];

	jarr_appendf(a, "stale: %d days behind (limit %d)", 8, 5);
	check_str(json_string_value(json_array_get(a, 0)), "stale: 8 days behind (limit 5)",
	    "formats like printf");
	memset(want, 'x', 1000);
	want[1000] = '\0';
	jarr_appendf(a, "%s", want);
	check_int((long long)strlen(json_string_value(json_array_get(a, 1))), 1000,
	    "a 1000-character note is kept whole (the old copies cut at 160 and 400)");
	jarr_appendf(a, "%s", "");
	check_str(json_string_value(json_array_get(a, 2)), "", "an empty string is appended");
	check_int((long long)json_array_size(a), 3, "three entries, in order");
	json_decref(a);
	return test_done();
}
