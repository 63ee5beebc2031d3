-- match: propose_matches, the proposals of match_households written as
-- settlements.  CREATE OR REPLACE: the install and the upgrade from 0.1 (which
-- had it without the run record) both run this file as it is; the tables
-- match_run and match_unplaced come from the report module, which follows.

CREATE OR REPLACE FUNCTION @extschema@.propose_matches(year pg_catalog.int4, options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(household_id pg_catalog.int8, kommunenr @extschema@.kommunenr,
              settlement_id pg_catalog.int8, result pg_catalog.text)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    y int := propose_matches.year;
    o jsonb := @extschema@.match_options(propose_matches.year, propose_matches.options);
    r record;
    sid int8;
    run int8;
    n int := 0;
    n_persons int := 0;
BEGIN
    -- the run and its unplaced households are kept for report_matching
    INSERT INTO @extschema@.match_run (year, options) VALUES (y, o) RETURNING run_id INTO run;
    FOR r IN SELECT * FROM @extschema@.match_households(y, propose_matches.options) mh
              ORDER BY mh.household_id LOOP
        IF r.kommunenr IS NULL THEN
            INSERT INTO @extschema@.match_unplaced VALUES (run, r.household_id, r.components ->> 'unplaced', r.components);
            CONTINUE;
        END IF;
        -- Each booking goes through the capacity triggers on its own: a
        -- booking made meanwhile by another session wins, and this proposal
        -- is skipped with the reason (no over-booking, no lost work).
        BEGIN
            INSERT INTO @extschema@.settlement (household_id, year, kommunenr, status)
            VALUES (r.household_id, y, r.kommunenr, 'proposed')
            RETURNING settlement_id INTO sid;
            INSERT INTO @extschema@.match_proposal (settlement_id, household_id, year, kommunenr,
                                                    score, components, options)
            VALUES (sid, r.household_id, y, r.kommunenr, r.score, r.components, o);
            n := n + 1;
            n_persons := n_persons + (r.components ->> 'persons')::int;
            household_id := r.household_id;
            kommunenr := r.kommunenr;
            settlement_id := sid;
            result := 'proposed';
        EXCEPTION WHEN check_violation OR unique_violation THEN
            household_id := r.household_id;
            kommunenr := r.kommunenr;
            settlement_id := NULL;
            result := 'skipped: ' || SQLERRM;
            INSERT INTO @extschema@.match_unplaced VALUES (run, r.household_id, result, r.components);
        END;
        RETURN NEXT;
    END LOOP;
    UPDATE @extschema@.match_run mr SET proposals = n, persons = n_persons WHERE mr.run_id = run;
END;
$$;
COMMENT ON FUNCTION @extschema@.propose_matches(pg_catalog.int4, pg_catalog.jsonb) IS
    'writes the proposals of match_households() as settlements with status proposed (through the capacity triggers, one booking at a time) and their explanations into match_proposal; a proposal that no longer fits because another session booked meanwhile is skipped with the reason; the run and its unplaced households go to match_run and match_unplaced';
