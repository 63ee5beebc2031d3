-- register_checks.sql: the integrity rules a plain constraint cannot state:
-- versions of a municipality code never overlap; every row that names a
-- municipality for a year names one valid in that year (23503, as a foreign
-- key would); a settlement's status only moves forward and every change,
-- including a delete, is written to settlement_history.
--
-- pg_dump reloads extension tables with COPY, which fires these triggers in
-- an order PostgreSQL does not promise; restore with
-- PGOPTIONS='-c bosetting.restoring=on' so the checks and the history
-- trigger stand aside (the dumped history is restored as it was).

CREATE FUNCTION @extschema@.municipality_valid_in(k @extschema@.kommunenr, in_year pg_catalog.int4)
RETURNS pg_catalog.bool
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT EXISTS (
        SELECT 1 FROM @extschema@.municipality m
        WHERE m.kommunenr OPERATOR(@extschema@.=) k
          AND m.valid_from OPERATOR(pg_catalog.<=) pg_catalog.make_date(in_year, 12, 31)
          AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>=) pg_catalog.make_date(in_year, 1, 1)));
END;
COMMENT ON FUNCTION @extschema@.municipality_valid_in(@extschema@.kommunenr, pg_catalog.int4) IS
    'whether the register has a version of the municipality code valid on some day of the year';

CREATE FUNCTION @extschema@.restoring() RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'bosetting_is_restoring' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.restoring() IS
    'whether bosetting.restoring is on (pg_restore of a dump; superuser only): the register''s checks, its history trigger and the capacity triggers then stand aside';

-- Versions of one code must not overlap (an EXCLUDE constraint would need
-- btree_gist for our type).
CREATE FUNCTION @extschema@.municipality_no_overlap() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other record;
BEGIN
    IF @extschema@.restoring() THEN
        RETURN NEW;
    END IF;
    -- One writer per code at a time, so two new versions cannot both pass.
    PERFORM pg_catalog.pg_advisory_xact_lock(
        pg_catalog.hashtext('bosetting.municipality ' OPERATOR(pg_catalog.||) NEW.kommunenr::text));
    SELECT m.valid_from, m.valid_to, m.name INTO other
    FROM @extschema@.municipality m
    WHERE m.kommunenr OPERATOR(@extschema@.=) NEW.kommunenr
      AND m.valid_from <> NEW.valid_from
      AND NOT (TG_OP = 'UPDATE' AND m.kommunenr OPERATOR(@extschema@.=) OLD.kommunenr
               AND m.valid_from = OLD.valid_from)
      AND m.valid_from <= coalesce(NEW.valid_to, 'infinity'::date)
      AND coalesce(m.valid_to, 'infinity'::date) >= NEW.valid_from
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'municipality % (%) valid % to % overlaps its version % valid % to %',
            NEW.kommunenr, NEW.name, NEW.valid_from, coalesce(NEW.valid_to::text, 'now'),
            other.name, other.valid_from, coalesce(other.valid_to::text, 'now')
            USING ERRCODE = 'exclusion_violation',
                  HINT = 'End the older version (valid_to) the day before the newer one starts.';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.municipality_no_overlap() IS
    'trigger: versions of one kommunenr never overlap in time';
CREATE TRIGGER municipality_no_overlap
    BEFORE INSERT OR UPDATE OF kommunenr, valid_from, valid_to ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@.municipality_no_overlap();

-- decision, capacity, indicator and settlement name (year, kommunenr).
CREATE FUNCTION @extschema@.check_municipality_in_year() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT @extschema@.municipality_valid_in(NEW.kommunenr, NEW.year)
       AND NOT @extschema@.restoring() THEN
        RAISE EXCEPTION 'municipality % does not exist in %', NEW.kommunenr, NEW.year
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('%s names a municipality for a year; bosetting.municipality has no version of %s valid in %s.',
                                  TG_TABLE_NAME, NEW.kommunenr, NEW.year),
                  HINT = 'Load the municipality register (load_municipalities, load_kommunenr_changes), or use the code valid in that year (kommunenr_successors).';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.check_municipality_in_year() IS
    'trigger: the row''s (kommunenr, year) is a municipality valid in that year (SQLSTATE 23503, as a foreign key)';

CREATE TRIGGER decision_municipality_exists
    BEFORE INSERT OR UPDATE OF year, kommunenr ON @extschema@.decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_municipality_in_year();
CREATE TRIGGER capacity_municipality_exists
    BEFORE INSERT OR UPDATE OF year, kommunenr ON @extschema@.capacity
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_municipality_in_year();
CREATE TRIGGER indicator_municipality_exists
    BEFORE INSERT OR UPDATE OF year, kommunenr ON @extschema@.indicator
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_municipality_in_year();
CREATE TRIGGER settlement_municipality_exists
    BEFORE INSERT OR UPDATE OF year, kommunenr ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_municipality_in_year();

CREATE FUNCTION @extschema@.check_household_municipalities() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.restoring() THEN
        RETURN NEW;
    END IF;
    IF NEW.reception_kommunenr IS NOT NULL
       AND NOT @extschema@.municipality_valid_in(NEW.reception_kommunenr,
                   coalesce(extract(year FROM NEW.permit_date)::int, NEW.year))
       AND NOT @extschema@.municipality_valid_in(NEW.reception_kommunenr, NEW.year) THEN
        RAISE EXCEPTION 'reception municipality % does not exist in %', NEW.reception_kommunenr, NEW.year
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Use a code of bosetting.municipality valid in the household''s year or permit year.';
    END IF;
    IF NEW.connection_kommunenr IS NOT NULL
       AND NOT @extschema@.municipality_valid_in(NEW.connection_kommunenr, NEW.year) THEN
        RAISE EXCEPTION 'connection municipality % does not exist in %', NEW.connection_kommunenr, NEW.year
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Use a code of bosetting.municipality valid in the household''s year.';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.check_household_municipalities() IS
    'trigger: a household''s reception and connection municipalities exist in its year (23503)';
CREATE TRIGGER household_municipalities_exist
    BEFORE INSERT OR UPDATE OF year, reception_kommunenr, connection_kommunenr, permit_date ON @extschema@.household
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_household_municipalities();

-- Status moves forward: proposed -> accepted -> settled; any of them ->
-- withdrawn; withdrawn is final (book again with a new settlement row).
-- Who changed the row and when are the server's (current_user, now()),
-- never the caller's; settled_on falls in the settlement year.
CREATE FUNCTION @extschema@.settlement_before_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rank_old int;
    rank_new int;
BEGIN
    IF @extschema@.restoring() THEN
        RETURN NEW;
    END IF;
    NEW.changed_at := now();
    NEW.changed_by := current_user;
    IF NEW.settled_on IS NOT NULL
       AND NOT NEW.settled_on BETWEEN make_date(NEW.year, 1, 1) AND make_date(NEW.year, 12, 31) THEN
        RAISE EXCEPTION 'settled_on % of settlement % is outside its settlement year %',
            NEW.settled_on, NEW.settlement_id, NEW.year
            USING ERRCODE = 'check_violation',
                  DETAIL = 'A settlement counts against the decision of the year the household moves in.',
                  HINT = 'Correct the date, or move the settlement to the year it happened in.';
    END IF;
    IF TG_OP = 'INSERT' THEN
        RETURN NEW;
    END IF;
    IF NEW.household_id <> OLD.household_id THEN
        RAISE EXCEPTION 'settlement % belongs to household %; it cannot move to household %',
            OLD.settlement_id, OLD.household_id, NEW.household_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Withdraw it and insert a settlement for the other household.';
    END IF;
    IF OLD.status = 'withdrawn' THEN
        RAISE EXCEPTION 'settlement % is withdrawn and cannot change', OLD.settlement_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Insert a new settlement to book the household again.';
    END IF;
    rank_old := array_position(ARRAY['proposed', 'accepted', 'settled'], OLD.status);
    rank_new := array_position(ARRAY['proposed', 'accepted', 'settled'], NEW.status);
    IF rank_new < rank_old THEN
        RAISE EXCEPTION 'settlement % cannot go back from % to %', OLD.settlement_id, OLD.status, NEW.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Status moves forward (proposed, accepted, settled); withdraw and book again to start over.';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.settlement_before_change() IS
    'trigger: settlement status only moves forward, withdrawn is final, settled_on falls in the settlement year, changed_at/changed_by are set to now() and current_user';
CREATE TRIGGER settlement_before_change
    BEFORE INSERT OR UPDATE ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.settlement_before_change();

-- In C (src/capacity/history_trigger.c): it writes as the extension's owner
-- and records current_user and session_user from the server, not the row.
CREATE FUNCTION @extschema@.settlement_record_history() RETURNS trigger
    AS 'MODULE_PATHNAME', 'settlement_record_history' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.settlement_record_history() IS
    'trigger: writes every insert, status change, move, settled_on change and delete of a settlement to settlement_history, with the acting role, the login and the transaction time';
CREATE TRIGGER settlement_record_history
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.settlement_record_history();

-- TRUNCATE would bypass the row triggers: refuse it unless restoring.
CREATE FUNCTION @extschema@.settlement_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT @extschema@.restoring() THEN
        RAISE EXCEPTION 'TRUNCATE of bosetting.settlement would delete settlements without history'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'DELETE the rows (each delete is recorded in settlement_history).';
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@.settlement_refuse_truncate() IS
    'trigger: TRUNCATE of settlement is refused (it would skip settlement_history)';
CREATE TRIGGER settlement_refuse_truncate
    BEFORE TRUNCATE ON @extschema@.settlement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.settlement_refuse_truncate();
