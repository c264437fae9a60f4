# test_orch_text links the orchestrator's text cleaning (orchestrator/text.c) alone.
UNIT_DEPS_test_orch_text = $(B)/orchestrator/text.o
