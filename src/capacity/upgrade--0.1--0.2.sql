-- capacity: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).  This fragment also
-- carries the settlement_history part of src/register/ (register.sql,
-- register_checks.sql), which this module's C code now writes.

-- settlement_history: settled_on changes and the login; 0.1's rows keep NULL.
ALTER TABLE @extschema@.settlement_history
    ADD COLUMN from_settled_on pg_catalog.date,
    ADD COLUMN to_settled_on pg_catalog.date,
    ADD COLUMN login pg_catalog.text;
COMMENT ON TABLE @extschema@.settlement_history IS
    'bosettingshistorikk: every insert, status change, move, change of settled_on and delete of a settlement, written only by the extension''s trigger (a deleted settlement keeps its history; to_* are NULL)';
COMMENT ON COLUMN @extschema@.settlement_history.changed_at IS 'when (the transaction''s start time, now())';
COMMENT ON COLUMN @extschema@.settlement_history.changed_by IS 'the role that made the change (current_user when it was made, also inside a SECURITY DEFINER function); never a value the caller supplies';
COMMENT ON COLUMN @extschema@.settlement_history.from_settled_on IS 'settled_on before';
COMMENT ON COLUMN @extschema@.settlement_history.to_settled_on IS 'settled_on after';
COMMENT ON COLUMN @extschema@.settlement_history.login IS 'the login (session_user) of the session that made the change; NULL in rows written by version 0.1';
COMMENT ON COLUMN @extschema@.settlement.changed_at IS 'when the row last changed (the transaction time, set by the trigger)';
COMMENT ON COLUMN @extschema@.settlement.changed_by IS 'the role that changed it last (current_user, set by the trigger; a value given is replaced)';
COMMENT ON COLUMN @extschema@.settlement.settled_on IS 'bosettingsdato: the day the household moved in, once known; it falls in the settlement year (23514 otherwise)';

CREATE OR REPLACE FUNCTION @extschema@.settlement_before_change() RETURNS trigger
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
DROP TRIGGER settlement_before_change ON @extschema@.settlement;
CREATE TRIGGER settlement_before_change
    BEFORE INSERT OR UPDATE ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.settlement_before_change();

CREATE OR REPLACE FUNCTION @extschema@.settlement_record_history() RETURNS trigger
    AS 'MODULE_PATHNAME', 'settlement_record_history' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.settlement_record_history() IS
    'trigger: writes every insert, status change, move, settled_on change and delete of a settlement to settlement_history, with the acting role, the login and the transaction time';

-- capacity.sql: the guard also on settlement_history, the DDL guard.
COMMENT ON FUNCTION @extschema@.capacity_counter_guard() IS
    'trigger on the counter tables and settlement_history: only the extension''s triggers (and superusers) write them, so a role that may book cannot raise a limit or forge history by hand';
CREATE TRIGGER capacity_counter_guard
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.settlement_history
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_counter_guard();
CREATE FUNCTION @extschema@.capacity_ddl_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'capacity_ddl_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_ddl_guard() IS
    'event trigger: refuses (42501) a non-superuser''s DDL that puts or replaces a trigger on one of its tables, even one calling the extension''s own function (directly, or through a foreign key that references it); rules need the table''s ownership anyway';
CREATE EVENT TRIGGER bosetting_capacity_ddl_guard ON ddl_command_end
    WHEN TAG IN ('CREATE TRIGGER', 'CREATE TABLE', 'ALTER TABLE', 'CREATE SCHEMA', 'CREATE FOREIGN TABLE')
    EXECUTE FUNCTION @extschema@.capacity_ddl_guard();
COMMENT ON FUNCTION @extschema@.capacity_rebuild() IS
    'recomputes capacity_booked and capacity_household from the register rows under a share lock on the register tables, as the extension''s owner (after a restore, or when verify_capacity() reports a disagreement); fails with 23514 if the register rows over-book a municipality, and with 55000 inside a statement that changes the register; returns the number of counters';

-- A trigger or rule another role put on a table of the extension under 0.1
-- would fire inside the extension's writes: name them (a superuser decides).
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tg.tgname, c.relname
          FROM pg_catalog.pg_trigger tg
          JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) tg.tgrelid
          JOIN pg_catalog.pg_depend d ON d.objid OPERATOR(pg_catalog.=) c.oid
               AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.deptype OPERATOR(pg_catalog.=) 'e'
          JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
         WHERE e.extname OPERATOR(pg_catalog.=) 'bosetting' AND NOT tg.tgisinternal
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend f
                            WHERE f.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                              AND f.objid OPERATOR(pg_catalog.=) tg.tgfoid
                              AND f.refobjid OPERATOR(pg_catalog.=) e.oid AND f.deptype OPERATOR(pg_catalog.=) 'e')
    LOOP
        RAISE WARNING 'trigger % on bosetting.% is not the extension''s: the capacity triggers refuse to write a table that carries it', t.tgname, t.relname
            USING HINT = 'Drop it unless a superuser put it there on purpose.';
    END LOOP;
END;
$$;
