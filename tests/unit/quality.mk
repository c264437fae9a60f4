# The quality step's checks and score, for their unit tests.
UNIT_DEPS_test_quality = $(B)/steps/quality/checks.o $(B)/steps/quality/curve.o $(B)/steps/quality/quality.o
