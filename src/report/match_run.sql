-- match_run.sql: each run of propose_matches() and the households it left
-- unplaced, with the reason (for report_matching; the proposals themselves
-- are in match_proposal).

CREATE TABLE @extschema@.match_run (
    run_id        pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year          pg_catalog.int4 NOT NULL,
    options       pg_catalog.jsonb NOT NULL,
    proposals     pg_catalog.int4 NOT NULL DEFAULT 0,
    persons       pg_catalog.int4 NOT NULL DEFAULT 0,
    run_at        pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    run_by        pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE @extschema@.match_run IS
    'forslagskjøring: one run of propose_matches(), with how many settlements it proposed; its unplaced households are in match_unplaced';
COMMENT ON COLUMN @extschema@.match_run.run_id IS 'the run''s number';
COMMENT ON COLUMN @extschema@.match_run.year IS 'the settlement year matched';
COMMENT ON COLUMN @extschema@.match_run.options IS 'the options of the run (weights, as_of, seed), defaults filled in';
COMMENT ON COLUMN @extschema@.match_run.proposals IS 'settlements proposed (written) by the run';
COMMENT ON COLUMN @extschema@.match_run.persons IS 'persons in the proposed households';
COMMENT ON COLUMN @extschema@.match_run.run_at IS 'when';
COMMENT ON COLUMN @extschema@.match_run.run_by IS 'by whom';

CREATE TABLE @extschema@.match_unplaced (
    run_id        pg_catalog.int8 NOT NULL REFERENCES @extschema@.match_run ON DELETE CASCADE,
    household_id  pg_catalog.int8 NOT NULL,
    reason        pg_catalog.text NOT NULL,
    components    pg_catalog.jsonb NOT NULL,
    PRIMARY KEY (run_id, household_id)
);
COMMENT ON TABLE @extschema@.match_unplaced IS
    'ikke plassert: a household a run of propose_matches() left unplaced, and why (no room, no places for minors, capacity short, or skipped because another session booked first)';
COMMENT ON COLUMN @extschema@.match_unplaced.run_id IS 'the run';
COMMENT ON COLUMN @extschema@.match_unplaced.household_id IS 'the household (no foreign key, like match_proposal, so the register can be reloaded)';
COMMENT ON COLUMN @extschema@.match_unplaced.reason IS 'why it was not placed, as match_households() said (or "skipped: ..." with the booking error)';
COMMENT ON COLUMN @extschema@.match_unplaced.components IS 'match_households()''s explanation: persons, unaccompanied_minors, waited_days, municipalities_with_room, ...';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.match_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.match_unplaced', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.match_run_run_id_seq', '');
