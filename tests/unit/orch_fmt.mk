# test_orch_fmt links the console's number formats (orchestrator/fmt.c) alone.
UNIT_DEPS_test_orch_fmt = $(B)/orchestrator/fmt.o
