-- capacity.sql: capacity checks (issue 4, items 4-6).  Booking a household
-- (a settlement with status proposed, accepted or settled) consumes its
-- persons from the municipality's decided number for the year, its
-- unaccompanied minors from decided_em, and each household_need dimension
-- from capacity.  The C triggers of src/capacity/ keep two derived tables
-- up to date, and every check is a single guarded UPDATE of one counter row,
-- so concurrent sessions serialise on that row (doc/capacity.md).

CREATE TABLE @extschema@.capacity_booked (
    year        pg_catalog.int4 NOT NULL,
    kommunenr   @extschema@.kommunenr NOT NULL,
    dimension   pg_catalog.text NOT NULL,
    decided     pg_catalog.int4,
    booked      pg_catalog.int8 NOT NULL DEFAULT 0,
    PRIMARY KEY (year, kommunenr, dimension),
    CONSTRAINT capacity_booked_within_decided
        CHECK (booked OPERATOR(pg_catalog.>=) 0
               AND booked OPERATOR(pg_catalog.<=) COALESCE(decided, 0))
) WITH (fillfactor = 50);
COMMENT ON TABLE @extschema@.capacity_booked IS
    'kapasitetsteller: one counter per municipality, year and dimension: the limit (vedtak or kapasitet) and what is booked; kept by the capacity triggers, never written by hand (verify_capacity() checks it, capacity_rebuild() recomputes it)';
COMMENT ON COLUMN @extschema@.capacity_booked.year IS 'år: the year of the decision or capacity';
COMMENT ON COLUMN @extschema@.capacity_booked.kommunenr IS 'kommunenummer of the municipality';
COMMENT ON COLUMN @extschema@.capacity_booked.dimension IS 'dimensjon: persons (against decision.decided), unaccompanied_minors (against decision.decided_em), or a capacity.dimension';
COMMENT ON COLUMN @extschema@.capacity_booked.decided IS 'vedtatt / kapasitet: the limit copied from decision.decided, decision.decided_em or capacity.amount; NULL when the source has no number (suppressed, awaiting decision): then nothing can be booked';
COMMENT ON COLUMN @extschema@.capacity_booked.booked IS 'booket: persons, unaccompanied minors or need units of the households booked here (status proposed, accepted or settled)';

CREATE TABLE @extschema@.capacity_household (
    household_id     pg_catalog.int8 PRIMARY KEY,
    persons          pg_catalog.int4 NOT NULL DEFAULT 0
        CONSTRAINT capacity_household_persons_nonnegative CHECK (persons OPERATOR(pg_catalog.>=) 0),
    minors           pg_catalog.int4 NOT NULL DEFAULT 0
        CONSTRAINT capacity_household_minors_nonnegative CHECK (minors OPERATOR(pg_catalog.>=) 0),
    needs            pg_catalog.int4 NOT NULL DEFAULT 0
        CONSTRAINT capacity_household_needs_nonnegative CHECK (needs OPERATOR(pg_catalog.>=) 0),
    booked_year      pg_catalog.int4,
    booked_kommunenr @extschema@.kommunenr,
    CONSTRAINT capacity_household_booking_whole
        CHECK ((booked_year IS NULL) OPERATOR(pg_catalog.=) (booked_kommunenr IS NULL))
) WITH (fillfactor = 70);
COMMENT ON TABLE @extschema@.capacity_household IS
    'husstandsteller: per household, its person and need counts and where it is booked; the one row that a booking, a new person and a new need of the same household all update, so that they serialise (kept by the capacity triggers)';
COMMENT ON COLUMN @extschema@.capacity_household.household_id IS 'the household (household.household_id)';
COMMENT ON COLUMN @extschema@.capacity_household.persons IS 'antall personer: person rows of the household';
COMMENT ON COLUMN @extschema@.capacity_household.minors IS 'antall enslige mindreårige: person rows with unaccompanied_minor';
COMMENT ON COLUMN @extschema@.capacity_household.needs IS 'antall behov: household_need rows of the household';
COMMENT ON COLUMN @extschema@.capacity_household.booked_year IS 'år of the household''s booking (settlement not withdrawn); NULL when not booked';
COMMENT ON COLUMN @extschema@.capacity_household.booked_kommunenr IS 'kommunenummer of the household''s booking; NULL when not booked';

-- Both tables are derived: pg_dump does not save them.  A restore runs with
-- bosetting.restoring = on, so the triggers stand aside; capacity_rebuild()
-- afterwards fills them from the restored rows.  Until then a booking whose
-- counter is missing fails (55000) instead of starting from zero.

CREATE FUNCTION @extschema@.capacity_settlement_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_settlement_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_settlement_trigger() IS
    'trigger on settlement: a booking consumes its household''s persons, unaccompanied minors and needs; a move or a withdrawal releases them';
CREATE FUNCTION @extschema@.capacity_person_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_person_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_person_trigger() IS
    'trigger on person: a person added to (or changed in) a booked household is checked against the decision';
CREATE FUNCTION @extschema@.capacity_need_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_need_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_need_trigger() IS
    'trigger on household_need: a need added to a booked household is checked against capacity';
CREATE FUNCTION @extschema@.capacity_household_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_household_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_household_trigger() IS
    'trigger on household: creates and removes the household''s capacity_household row';
CREATE FUNCTION @extschema@.capacity_limit_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_limit_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_limit_trigger() IS
    'trigger on decision and capacity: copies the limit into capacity_booked; lowering it below what is booked fails';
CREATE FUNCTION @extschema@.capacity_truncate_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_truncate_trigger' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_truncate_trigger() IS
    'trigger after TRUNCATE of a register table: recomputes the counters (capacity_rebuild)';

-- The triggers write the counters (and settlement_history) as the
-- extension's owner inside a security-restricted operation, like
-- PostgreSQL's foreign-key triggers: booking roles need no privilege on
-- them.  Each C trigger function checks, by OID, that it fires on the table
-- it was written for (doc/capacity.md, "Who can change a counter").
CREATE FUNCTION @extschema@.capacity_counter_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'capacity_counter_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_counter_guard() IS
    'trigger on the counter tables and settlement_history: only the extension''s triggers (and superusers) write them, so a role that may book cannot raise a limit or forge history by hand';
CREATE TRIGGER capacity_counter_guard
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.capacity_booked
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_counter_guard();
CREATE TRIGGER capacity_counter_guard
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.capacity_household
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_counter_guard();
CREATE TRIGGER capacity_counter_guard
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.settlement_history
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_counter_guard();

-- Only a superuser puts a trigger (or a foreign key, which adds triggers)
-- on a table of the extension: its code would run inside the extension's
-- writes, and a second counting trigger would count twice.  GRANT ALL gives
-- TRIGGER and REFERENCES; a rule needs ownership.  The tags are every
-- command that can add a trigger to a table it does not own: CREATE TRIGGER,
-- and a foreign key (or a partition of a table with one) made by CREATE
-- TABLE, ALTER TABLE, CREATE FOREIGN TABLE or a CREATE SCHEMA element.
CREATE FUNCTION @extschema@.capacity_ddl_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 'capacity_ddl_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.capacity_ddl_guard() IS
    'event trigger: refuses (42501) a non-superuser''s DDL that puts or replaces a trigger on one of its tables, even one calling the extension''s own function (directly, or through a foreign key that references it); rules need the table''s ownership anyway';
CREATE EVENT TRIGGER bosetting_capacity_ddl_guard ON ddl_command_end
    WHEN TAG IN ('CREATE TRIGGER', 'CREATE TABLE', 'ALTER TABLE', 'CREATE SCHEMA', 'CREATE FOREIGN TABLE')
    EXECUTE FUNCTION @extschema@.capacity_ddl_guard();

CREATE TRIGGER capacity_book
    AFTER INSERT OR DELETE OR UPDATE OF household_id, year, kommunenr, status ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_settlement_trigger();
CREATE TRIGGER capacity_count
    AFTER INSERT OR DELETE OR UPDATE OF household_id, unaccompanied_minor ON @extschema@.person
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_person_trigger();
CREATE TRIGGER capacity_need
    AFTER INSERT OR DELETE OR UPDATE OF household_id, dimension, amount ON @extschema@.household_need
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_need_trigger();
CREATE TRIGGER capacity_household
    AFTER INSERT OR DELETE OR UPDATE OF household_id ON @extschema@.household
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_household_trigger();
CREATE TRIGGER capacity_limit
    AFTER INSERT OR DELETE OR UPDATE OF year, kommunenr, decided, decided_em ON @extschema@.decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_limit_trigger();
CREATE TRIGGER capacity_limit
    AFTER INSERT OR DELETE OR UPDATE OF year, kommunenr, dimension, amount ON @extschema@.capacity
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_limit_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.settlement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.person
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.household_need
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.household
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();
CREATE TRIGGER capacity_truncate AFTER TRUNCATE ON @extschema@.capacity
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.capacity_truncate_trigger();

-- What the counters should hold, recomputed from the register rows alone
-- (never from the counters): used by verify_capacity() and capacity_rebuild().
CREATE FUNCTION @extschema@.capacity_expected_households()
    RETURNS TABLE (household_id pg_catalog.int8, persons pg_catalog.int4, minors pg_catalog.int4,
                   needs pg_catalog.int4, booked_year pg_catalog.int4,
                   booked_kommunenr @extschema@.kommunenr)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT h.household_id,
           COALESCE(p.persons, 0)::pg_catalog.int4,
           COALESCE(p.minors, 0)::pg_catalog.int4,
           COALESCE(n.needs, 0)::pg_catalog.int4,
           s.year, s.kommunenr
      FROM @extschema@.household h
      LEFT JOIN (SELECT pp.household_id, pg_catalog.count(*) AS persons,
                        pg_catalog.count(*) FILTER (WHERE pp.unaccompanied_minor) AS minors
                   FROM @extschema@.person pp GROUP BY pp.household_id) p
             ON p.household_id OPERATOR(pg_catalog.=) h.household_id
      LEFT JOIN (SELECT hn.household_id, pg_catalog.count(*) AS needs
                   FROM @extschema@.household_need hn GROUP BY hn.household_id) n
             ON n.household_id OPERATOR(pg_catalog.=) h.household_id
      LEFT JOIN @extschema@.settlement s
             ON s.household_id OPERATOR(pg_catalog.=) h.household_id
            AND s.status OPERATOR(pg_catalog.<>) 'withdrawn';
END;
COMMENT ON FUNCTION @extschema@.capacity_expected_households() IS
    'what capacity_household should hold, recomputed from household, person, household_need and settlement';

CREATE FUNCTION @extschema@.capacity_expected()
    RETURNS TABLE (year pg_catalog.int4, kommunenr @extschema@.kommunenr, dimension pg_catalog.text,
                   has_source pg_catalog.bool, decided pg_catalog.int4, booked pg_catalog.int8)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH limits AS (
        SELECT d.year, d.kommunenr, 'persons'::pg_catalog.text AS dimension, d.decided
          FROM @extschema@.decision d
        UNION ALL
        SELECT d.year, d.kommunenr, 'unaccompanied_minors', d.decided_em
          FROM @extschema@.decision d
        UNION ALL
        SELECT c.year, c.kommunenr, c.dimension, c.amount
          FROM @extschema@.capacity c
    ), bookings AS (
        SELECT s.household_id, s.year, s.kommunenr
          FROM @extschema@.settlement s
         WHERE s.status OPERATOR(pg_catalog.<>) 'withdrawn'
    ), use AS (
        SELECT b.year, b.kommunenr, 'persons'::pg_catalog.text AS dimension,
               pg_catalog.count(p.person_id) AS amount
          FROM bookings b
          LEFT JOIN @extschema@.person p ON p.household_id OPERATOR(pg_catalog.=) b.household_id
         GROUP BY b.year, b.kommunenr
        UNION ALL
        SELECT b.year, b.kommunenr, 'unaccompanied_minors', pg_catalog.count(*)
          FROM bookings b
          JOIN @extschema@.person p ON p.household_id OPERATOR(pg_catalog.=) b.household_id
         WHERE p.unaccompanied_minor
         GROUP BY b.year, b.kommunenr
        UNION ALL
        SELECT b.year, b.kommunenr, n.dimension, pg_catalog.sum(n.amount)::pg_catalog.int8
          FROM bookings b
          JOIN @extschema@.household_need n ON n.household_id OPERATOR(pg_catalog.=) b.household_id
         GROUP BY b.year, b.kommunenr, n.dimension
    )
    SELECT COALESCE(l.year, u.year), COALESCE(l.kommunenr, u.kommunenr),
           COALESCE(l.dimension, u.dimension),
           l.year IS NOT NULL, l.decided, COALESCE(u.amount, 0)
      FROM limits l
      FULL JOIN use u
        ON u.year OPERATOR(pg_catalog.=) l.year
       AND u.kommunenr OPERATOR(@extschema@.=) l.kommunenr
       AND u.dimension OPERATOR(pg_catalog.=) l.dimension;
END;
COMMENT ON FUNCTION @extschema@.capacity_expected() IS
    'what capacity_booked should hold, recomputed from decision, capacity, settlement, person and household_need (has_source false: bookings with no decision or capacity row)';

CREATE FUNCTION @extschema@.remaining_capacity(year pg_catalog.int4)
    RETURNS TABLE (kommunenr @extschema@.kommunenr, dimension pg_catalog.text,
                   decided pg_catalog.int4, booked pg_catalog.int8, remaining pg_catalog.int8)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT b.kommunenr, b.dimension, b.decided, b.booked,
           b.decided OPERATOR(pg_catalog.-) b.booked
      FROM @extschema@.capacity_booked b
     WHERE b.year OPERATOR(pg_catalog.=) remaining_capacity.year
     ORDER BY b.kommunenr, b.dimension;
END;
COMMENT ON FUNCTION @extschema@.remaining_capacity(pg_catalog.int4) IS
    'per municipality and dimension for a year: the limit (decision.decided, decision.decided_em or capacity.amount), what is booked and what remains (NULL when the limit is unknown)';

CREATE FUNCTION @extschema@.verify_capacity()
    RETURNS TABLE (problem pg_catalog.text, year pg_catalog.int4, kommunenr @extschema@.kommunenr,
                   dimension pg_catalog.text, household_id pg_catalog.int8,
                   stored pg_catalog.text, expected pg_catalog.text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH e AS (SELECT * FROM @extschema@.capacity_expected()),
    c AS (
        SELECT e.year AS e_year, e.kommunenr AS e_kommunenr, e.dimension AS e_dimension,
               e.has_source, e.decided AS e_decided, e.booked AS e_booked,
               b.year AS b_year, b.kommunenr AS b_kommunenr, b.dimension AS b_dimension,
               b.decided AS b_decided, b.booked AS b_booked
          FROM e FULL JOIN @extschema@.capacity_booked b
            ON b.year OPERATOR(pg_catalog.=) e.year
           AND b.kommunenr OPERATOR(@extschema@.=) e.kommunenr
           AND b.dimension OPERATOR(pg_catalog.=) e.dimension
    ), h AS (
        SELECT x.household_id AS x_id, x.persons AS x_persons, x.minors AS x_minors,
               x.needs AS x_needs, x.booked_year AS x_year, x.booked_kommunenr AS x_kommunenr,
               t.household_id AS t_id, t.persons AS t_persons, t.minors AS t_minors,
               t.needs AS t_needs, t.booked_year AS t_year, t.booked_kommunenr AS t_kommunenr
          FROM @extschema@.capacity_expected_households() x
          FULL JOIN @extschema@.capacity_household t
            ON t.household_id OPERATOR(pg_catalog.=) x.household_id
    ), problems AS (
        SELECT 'counter missing'::pg_catalog.text AS problem, e_year AS year, e_kommunenr AS kommunenr,
               e_dimension AS dimension, NULL::pg_catalog.int8 AS household_id,
               NULL::pg_catalog.text AS stored,
               pg_catalog.format('decided %s, booked %s', COALESCE(e_decided::pg_catalog.text, 'NULL'), e_booked) AS expected
          FROM c WHERE b_year IS NULL AND has_source
        UNION ALL
        SELECT 'counter without source', b_year, b_kommunenr, b_dimension, NULL,
               pg_catalog.format('decided %s, booked %s', COALESCE(b_decided::pg_catalog.text, 'NULL'), b_booked), NULL
          FROM c WHERE b_year IS NOT NULL AND (e_year IS NULL OR NOT has_source)
        UNION ALL
        SELECT 'decided differs', b_year, b_kommunenr, b_dimension, NULL,
               b_decided::pg_catalog.text, e_decided::pg_catalog.text
          FROM c WHERE b_year IS NOT NULL AND has_source AND b_decided IS DISTINCT FROM e_decided
        UNION ALL
        SELECT 'booked differs', b_year, b_kommunenr, b_dimension, NULL,
               b_booked::pg_catalog.text, COALESCE(e_booked, 0)::pg_catalog.text
          FROM c WHERE b_year IS NOT NULL AND b_booked OPERATOR(pg_catalog.<>) COALESCE(e_booked, 0)
        UNION ALL
        SELECT 'over-booked', e_year, e_kommunenr, e_dimension, NULL,
               'booked ' OPERATOR(pg_catalog.||) e_booked::pg_catalog.text,
               'at most ' OPERATOR(pg_catalog.||) COALESCE(e_decided, 0)::pg_catalog.text
          FROM c WHERE e_year IS NOT NULL
           AND e_booked OPERATOR(pg_catalog.>) COALESCE(e_decided, 0)
        UNION ALL
        SELECT 'household missing', x_year, x_kommunenr, NULL, x_id, NULL,
               pg_catalog.format('persons %s, minors %s, needs %s', x_persons, x_minors, x_needs)
          FROM h WHERE t_id IS NULL
        UNION ALL
        SELECT 'household without source', t_year, t_kommunenr, NULL, t_id,
               pg_catalog.format('persons %s, minors %s, needs %s', t_persons, t_minors, t_needs), NULL
          FROM h WHERE x_id IS NULL
        UNION ALL
        SELECT 'household differs', x_year, x_kommunenr, NULL, x_id,
               pg_catalog.format('persons %s, minors %s, needs %s, booked %s', t_persons, t_minors, t_needs,
                                 COALESCE(t_year::pg_catalog.text OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) t_kommunenr::pg_catalog.text, 'nowhere')),
               pg_catalog.format('persons %s, minors %s, needs %s, booked %s', x_persons, x_minors, x_needs,
                                 COALESCE(x_year::pg_catalog.text OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) x_kommunenr::pg_catalog.text, 'nowhere'))
          FROM h WHERE x_id IS NOT NULL AND t_id IS NOT NULL
           AND (x_persons, x_minors, x_needs, x_year, x_kommunenr)
               IS DISTINCT FROM (t_persons, t_minors, t_needs, t_year, t_kommunenr)
    )
    SELECT * FROM problems ORDER BY 2, 3, 4, 5, 1;
END;
COMMENT ON FUNCTION @extschema@.verify_capacity() IS
    'recomputes every capacity counter from the register rows and lists each disagreement and each over-booking; no rows on a healthy database (like amcheck)';

CREATE FUNCTION @extschema@.capacity_rebuild() RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'capacity_rebuild' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.capacity_rebuild() IS
    'recomputes capacity_booked and capacity_household from the register rows under a share lock on the register tables, as the extension''s owner (after a restore, or when verify_capacity() reports a disagreement); fails with 23514 if the register rows over-book a municipality, and with 55000 inside a statement that changes the register; returns the number of counters';
