-- lifecycle.sql: the register survives the DBA's ordinary commands (issue 11,
-- item 5).  New in 0.2: this file is also the 0.1 -> 0.2 upgrade fragment.

-- ---- restores in the right order ----
-- pg_dump orders the data of extension tables by their foreign keys only, and
-- the register names municipalities through triggers (a kommunenr is unique
-- only with a date), so it used to load decision and capacity before
-- municipality.  kommunenr_code holds one row per code, pointing at one of
-- its versions; the tables that name a municipality reference it, so pg_dump
-- loads municipality -> kommunenr_code -> the rest.  Its rows are derived
-- (the triggers below keep them), so it is dumped empty ('WHERE false'): it
-- is in the dump only for its place in the order.
CREATE TABLE @extschema@.kommunenr_code (
    kommunenr                @extschema@.kommunenr NOT NULL PRIMARY KEY,
    valid_from               pg_catalog.date NOT NULL,
    CONSTRAINT kommunenr_code_version FOREIGN KEY (kommunenr, valid_from)
        REFERENCES @extschema@.municipality (kommunenr, valid_from) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.kommunenr_code IS
    'every kommunenr that bosetting.municipality has a version of (kept by triggers on municipality); the foreign keys to it give pg_dump the restore order';
COMMENT ON COLUMN @extschema@.kommunenr_code.kommunenr IS 'a municipality code (any era)';
COMMENT ON COLUMN @extschema@.kommunenr_code.valid_from IS 'valid_from of one version of the code in bosetting.municipality';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kommunenr_code', 'WHERE false');
INSERT INTO @extschema@.kommunenr_code (kommunenr, valid_from)
SELECT kommunenr, pg_catalog.min(valid_from) FROM @extschema@.municipality GROUP BY kommunenr;

CREATE FUNCTION @extschema@.kommunenr_code_add() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO @extschema@.kommunenr_code (kommunenr, valid_from)
    VALUES (NEW.kommunenr, NEW.valid_from) ON CONFLICT (kommunenr) DO NOTHING;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@.kommunenr_code_add() IS
    'trigger: a new municipality code gets its row in kommunenr_code';
CREATE TRIGGER kommunenr_code_add
    AFTER INSERT OR UPDATE OF kommunenr ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@.kommunenr_code_add();
-- Also under session_replication_role = replica, with which a 0.1 dump (made
-- before these foreign keys gave pg_dump its order) is restored.
ALTER TABLE @extschema@.municipality ENABLE ALWAYS TRIGGER kommunenr_code_add;

-- When the version a code points at goes, the code points at another one; the
-- last version takes the code with it (ON DELETE CASCADE), which the foreign
-- keys of the rows still naming the code refuse.
CREATE FUNCTION @extschema@.kommunenr_code_move() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other pg_catalog.date;
BEGIN
    SELECT pg_catalog.min(m.valid_from) INTO other FROM @extschema@.municipality m
    WHERE m.kommunenr OPERATOR(@extschema@.=) OLD.kommunenr AND m.valid_from <> OLD.valid_from;
    IF other IS NOT NULL THEN
        UPDATE @extschema@.kommunenr_code SET valid_from = other
        WHERE kommunenr OPERATOR(@extschema@.=) OLD.kommunenr AND valid_from = OLD.valid_from;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM @extschema@.kommunenr_code WHERE kommunenr OPERATOR(@extschema@.=) OLD.kommunenr;
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
COMMENT ON FUNCTION @extschema@.kommunenr_code_move() IS
    'trigger: before a municipality version is deleted or re-coded, kommunenr_code points at another version of the code';
CREATE TRIGGER kommunenr_code_move
    BEFORE DELETE OR UPDATE OF kommunenr ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@.kommunenr_code_move();

ALTER TABLE @extschema@.decision ADD CONSTRAINT decision_kommunenr_code
    FOREIGN KEY (kommunenr) REFERENCES @extschema@.kommunenr_code;
ALTER TABLE @extschema@.capacity ADD CONSTRAINT capacity_kommunenr_code
    FOREIGN KEY (kommunenr) REFERENCES @extschema@.kommunenr_code;
ALTER TABLE @extschema@.indicator ADD CONSTRAINT indicator_kommunenr_code
    FOREIGN KEY (kommunenr) REFERENCES @extschema@.kommunenr_code;
ALTER TABLE @extschema@.settlement ADD CONSTRAINT settlement_kommunenr_code
    FOREIGN KEY (kommunenr) REFERENCES @extschema@.kommunenr_code;
ALTER TABLE @extschema@.household ADD CONSTRAINT household_reception_kommunenr_code
    FOREIGN KEY (reception_kommunenr) REFERENCES @extschema@.kommunenr_code;
ALTER TABLE @extschema@.household ADD CONSTRAINT household_connection_kommunenr_code
    FOREIGN KEY (connection_kommunenr) REFERENCES @extschema@.kommunenr_code;

-- ---- DROP refuses while the register holds rows ----
CREATE FUNCTION @extschema@.drop_guard() RETURNS event_trigger
AS 'MODULE_PATHNAME', 'bosetting_drop_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.drop_guard() IS
    'event trigger: DROP EXTENSION bosetting, DROP SCHEMA bosetting and DROP OWNED BY its owner refuse (2BP01) while the register holds rows that pg_dump would save, unless a superuser SET bosetting.allow_drop = on';
REVOKE ALL ON FUNCTION @extschema@.drop_guard() FROM PUBLIC;
CREATE EVENT TRIGGER bosetting_drop_guard ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA', 'DROP OWNED')
    EXECUTE FUNCTION @extschema@.drop_guard();
