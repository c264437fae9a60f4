# The ingest step's connectors, PIT and generator, for their unit tests.
INGEST_CONN_OBJ = steps/ingest/conn_csv.o steps/ingest/conn_value.o \
	steps/ingest/conn_json.o steps/ingest/conn_anbima.o
UNIT_DEPS_test_ingest_conn = $(INGEST_CONN_OBJ)
UNIT_DEPS_test_ingest_pit = steps/ingest/pit.o $(INGEST_CONN_OBJ)
UNIT_DEPS_test_synth = steps/ingest/synth.o steps/ingest/synth_anchor.o \
	steps/ingest/synth_market.o steps/ingest/synth_macro.o steps/ingest/synth_rng.o
