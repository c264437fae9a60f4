# The quality step's checks and score, for their unit tests.
UNIT_DEPS_test_quality = steps/quality/checks.o steps/quality/curve.o steps/quality/quality.o
