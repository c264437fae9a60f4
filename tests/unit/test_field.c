/* Unit tests of common/field.c's field_set and field_get. */
#include <stdlib.h>
#include <jansson.h>

#include "field.h"
#include "tap.h"

int
main(void)
{
	json_t *root = json_object();
	char *s;

	field_set(root, "report.summary.var", json_integer(7));
	check_int((int)json_integer_value(field_get(root, "report.summary.var")), 7,
	    "set at depth 3, the objects made on the way");
	field_set(root, "report.summary.n", json_integer(2));
	check_int((int)json_object_size(field_get(root, "report.summary")), 2,
	    "a second key joins the same object");
	field_set(root, "x", json_integer(5));
	field_set(root, "x.y", json_true());
	check(json_is_true(field_get(root, "x.y")), "a non-object on the way is replaced");
	field_set(root, "top", json_string("t"));
	s = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
	check_str(s, "{\"report\":{\"summary\":{\"n\":2,\"var\":7}},\"top\":\"t\","
	    "\"x\":{\"y\":true}}", "the whole document");
	free(s);
	json_decref(root);
	return test_done();
}
