-- schedule.sql: capacity as a time series (issue 15, item 1).  A decided
-- number (or a capacity row) may be given a schedule: places opening on given
-- days of the year (IMDi's weekly capacity reports, a council's months).  A
-- booking with a planned settlement date consumes places open by that date;
-- a booking without one counts at the end of the year (as before).  Without a
-- schedule nothing changes.  New in 0.2 as a whole: the upgrade runs this
-- file as it is.

ALTER TABLE @extschema@.settlement ADD COLUMN planned_on pg_catalog.date;
COMMENT ON COLUMN @extschema@.settlement.planned_on IS
    'planlagt bosettingsdato: the day the household is planned to move in (consumes capacity_schedule places open by then); NULL: any day of the year';

CREATE TABLE @extschema@.capacity_schedule (
    year        pg_catalog.int4 NOT NULL,
    kommunenr   @extschema@.kommunenr NOT NULL,
    dimension   pg_catalog.text NOT NULL
        CONSTRAINT capacity_schedule_dimension_format CHECK (dimension OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    opens_on    pg_catalog.date NOT NULL,
    places      pg_catalog.int4 NOT NULL,
    source      pg_catalog.text,
    PRIMARY KEY (year, kommunenr, dimension, opens_on)
);
COMMENT ON TABLE @extschema@.capacity_schedule IS
    'kapasitetsplan: places of a decision (persons, unaccompanied_minors) or a capacity dimension opening on given days of the year; the places of one municipality, year and dimension sum to its decided number (checked at commit)';
COMMENT ON COLUMN @extschema@.capacity_schedule.year IS 'the settlement year';
COMMENT ON COLUMN @extschema@.capacity_schedule.kommunenr IS 'the municipality';
COMMENT ON COLUMN @extschema@.capacity_schedule.dimension IS 'persons (decision.decided), unaccompanied_minors (decision.decided_em) or a capacity.dimension';
COMMENT ON COLUMN @extschema@.capacity_schedule.opens_on IS 'the day the places open (the first day of a week or month), within the year';
COMMENT ON COLUMN @extschema@.capacity_schedule.places IS 'places opening that day (at least 0)';
COMMENT ON COLUMN @extschema@.capacity_schedule.source IS 'where the numbers come from (e.g. a weekly capacity report)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.capacity_schedule', '');

-- The limit a schedule must sum to, or NULL when there is none.
CREATE FUNCTION @extschema@.capacity_schedule_limit(y pg_catalog.int4, k @extschema@.kommunenr,
                                                   dim pg_catalog.text)
RETURNS pg_catalog.int4
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE dim WHEN 'persons' THEN (SELECT d.decided FROM @extschema@.decision d
                                          WHERE d.year OPERATOR(pg_catalog.=) y AND d.kommunenr OPERATOR(@extschema@.=) k)
                    WHEN 'unaccompanied_minors' THEN (SELECT d.decided_em FROM @extschema@.decision d
                                          WHERE d.year OPERATOR(pg_catalog.=) y AND d.kommunenr OPERATOR(@extschema@.=) k)
                    ELSE (SELECT c.amount FROM @extschema@.capacity c
                           WHERE c.year OPERATOR(pg_catalog.=) y AND c.kommunenr OPERATOR(@extschema@.=) k
                             AND c.dimension OPERATOR(pg_catalog.=) dim) END;
END;
COMMENT ON FUNCTION @extschema@.capacity_schedule_limit(pg_catalog.int4, @extschema@.kommunenr, pg_catalog.text) IS
    'the decided number a capacity schedule must sum to: decision.decided (persons), decision.decided_em (unaccompanied_minors) or capacity.amount; NULL when unknown';

-- What one booking of a household takes in a dimension.
CREATE FUNCTION @extschema@.capacity_schedule_demand(h pg_catalog.int8, dim pg_catalog.text)
RETURNS pg_catalog.int8
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE dim WHEN 'persons' THEN (SELECT pg_catalog.count(*) FROM @extschema@.person p
                                          WHERE p.household_id OPERATOR(pg_catalog.=) h)
                    WHEN 'unaccompanied_minors' THEN (SELECT pg_catalog.count(*) FROM @extschema@.person p
                                          WHERE p.household_id OPERATOR(pg_catalog.=) h AND p.unaccompanied_minor)
                    ELSE (SELECT COALESCE(pg_catalog.sum(n.amount), 0)::pg_catalog.int8 FROM @extschema@.household_need n
                           WHERE n.household_id OPERATOR(pg_catalog.=) h AND n.dimension OPERATOR(pg_catalog.=) dim) END;
END;
COMMENT ON FUNCTION @extschema@.capacity_schedule_demand(pg_catalog.int8, pg_catalog.text) IS
    'schedule helper: persons, unaccompanied minors or need units of a household in a dimension';

-- Per day that matters (as_of, every planned booking date after it, the end
-- of the year), the places open by then less the bookings planned by then
-- (a booking without a date counts at the end): the least of these is what a
-- booking planned for as_of can still take; short_on is the first such day
-- where the bookings exceed the places (NULL when none), which an error names.
CREATE FUNCTION @extschema@.capacity_schedule_room(y pg_catalog.int4, k @extschema@.kommunenr,
                                                  dim pg_catalog.text, as_of pg_catalog.date)
RETURNS TABLE(opened pg_catalog.int8, booked pg_catalog.int8, room pg_catalog.int8, short_on pg_catalog.date)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH bookings AS (
        SELECT COALESCE(s.planned_on, pg_catalog.make_date(y, 12, 31)) AS day,
               @extschema@.capacity_schedule_demand(s.household_id, dim) AS amount
          FROM @extschema@.settlement s
         WHERE s.year OPERATOR(pg_catalog.=) y AND s.kommunenr OPERATOR(@extschema@.=) k
           AND s.status OPERATOR(pg_catalog.<>) 'withdrawn'),
    days AS (
        SELECT as_of AS day
        UNION SELECT b.day FROM bookings b WHERE b.day OPERATOR(pg_catalog.>) as_of
        UNION SELECT pg_catalog.make_date(y, 12, 31)),
    per_day AS (
        SELECT d.day,
               (SELECT COALESCE(pg_catalog.sum(c.places), 0) FROM @extschema@.capacity_schedule c
                 WHERE c.year OPERATOR(pg_catalog.=) y AND c.kommunenr OPERATOR(@extschema@.=) k
                   AND c.dimension OPERATOR(pg_catalog.=) dim AND c.opens_on OPERATOR(pg_catalog.<=) d.day)::pg_catalog.int8 AS opened,
               (SELECT COALESCE(pg_catalog.sum(b.amount), 0) FROM bookings b
                 WHERE b.day OPERATOR(pg_catalog.<=) d.day)::pg_catalog.int8 AS booked
          FROM days d)
    SELECT (SELECT p.opened FROM per_day p WHERE p.day OPERATOR(pg_catalog.=) as_of),
           (SELECT p.booked FROM per_day p WHERE p.day OPERATOR(pg_catalog.=) as_of),
           (SELECT pg_catalog.min(p.opened OPERATOR(pg_catalog.-) p.booked) FROM per_day p),
           (SELECT pg_catalog.min(p.day) FROM per_day p WHERE p.opened OPERATOR(pg_catalog.<) p.booked);
END;
COMMENT ON FUNCTION @extschema@.capacity_schedule_room(pg_catalog.int4, @extschema@.kommunenr, pg_catalog.text, pg_catalog.date) IS
    'schedule helper: places open by as_of, bookings planned by then, the room left for a booking planned for as_of (the least of open less booked over that day and every later booking day), and the first of those days where the bookings exceed the places';

-- Schedules: a day outside the year or negative places at once (22023); the
-- sum against the decision at commit, so that both can change in one
-- transaction.
CREATE FUNCTION @extschema@.capacity_schedule_row_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF extract(year FROM NEW.opens_on) <> NEW.year THEN
        RAISE EXCEPTION 'capacity schedule of % for % opens places on %, outside the year', NEW.kommunenr, NEW.year, to_char(NEW.opens_on, 'YYYY-MM-DD')
            USING ERRCODE = '22023';
    END IF;
    IF NEW.places < 0 THEN
        RAISE EXCEPTION 'capacity schedule of % for % opens % places on %: places cannot be negative', NEW.kommunenr, NEW.year, NEW.places, to_char(NEW.opens_on, 'YYYY-MM-DD')
            USING ERRCODE = '22023';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION @extschema@.capacity_schedule_row_check() IS
    'trigger on capacity_schedule: a day within the year and places of at least 0 (22023)';
CREATE TRIGGER capacity_schedule_row_check BEFORE INSERT OR UPDATE ON @extschema@.capacity_schedule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_schedule_row_check();

CREATE FUNCTION @extschema@.capacity_schedule_agrees(y pg_catalog.int4, k @extschema@.kommunenr)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.dimension, sum(c.places) AS total, @extschema@.capacity_schedule_limit(y, k, c.dimension) AS lim
               FROM @extschema@.capacity_schedule c
              WHERE c.year = y AND c.kommunenr OPERATOR(@extschema@.=) k
              GROUP BY c.dimension LOOP
        IF r.lim IS DISTINCT FROM r.total THEN
            RAISE EXCEPTION 'capacity schedule of % for % (%) sums to % places, but the decided number is %',
                    k, y, r.dimension, r.total, coalesce(r.lim::text, 'unknown')
                USING ERRCODE = '22023',
                      HINT = 'Change the schedule and the decision (or capacity row) in the same transaction; they are compared at commit.';
        END IF;
        IF (SELECT x.room FROM @extschema@.capacity_schedule_room(y, k, r.dimension, make_date(y, 1, 1)) x) < 0 THEN
            RAISE EXCEPTION 'capacity schedule of % for % (%) opens fewer places than the bookings planned by then', k, y, r.dimension
                USING ERRCODE = '23514';
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION @extschema@.capacity_schedule_agrees(pg_catalog.int4, @extschema@.kommunenr) IS
    'raises 22023 unless every schedule of the municipality and year sums to its decided number, and 23514 if a schedule opens fewer places than the bookings planned by some day';

CREATE FUNCTION @extschema@.capacity_schedule_commit_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM @extschema@.capacity_schedule_agrees(OLD.year, OLD.kommunenr);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM @extschema@.capacity_schedule_agrees(NEW.year, NEW.kommunenr);
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@.capacity_schedule_commit_check() IS
    'deferred constraint trigger on capacity_schedule, decision and capacity: schedule and decided number agree at commit';
CREATE CONSTRAINT TRIGGER capacity_schedule_agrees AFTER INSERT OR UPDATE OR DELETE ON @extschema@.capacity_schedule
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_schedule_commit_check();
CREATE CONSTRAINT TRIGGER capacity_schedule_agrees AFTER UPDATE OR DELETE ON @extschema@.decision
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_schedule_commit_check();
CREATE CONSTRAINT TRIGGER capacity_schedule_agrees AFTER UPDATE OR DELETE ON @extschema@.capacity
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_schedule_commit_check();

-- A booking planned for a day takes places open by then (23514 otherwise).
-- It fires after the capacity triggers of capacity.sql (trigger names sort
-- later), which have locked the municipality's counter rows, so a concurrent
-- booking of the same places has committed before this reads them.
CREATE FUNCTION @extschema@.capacity_schedule_booking_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    by_then record;
    day date;
    short date;
BEGIN
    IF NEW.status = 'withdrawn' THEN
        RETURN NULL;
    END IF;
    -- one schedule check per municipality and year at a time (a change of
    -- planned_on alone takes no counter lock in capacity.sql); the queries
    -- below then see the bookings committed meanwhile (READ COMMITTED)
    PERFORM pg_advisory_xact_lock(15, hashtext(NEW.year || '/' || NEW.kommunenr::text));
    day := coalesce(NEW.planned_on, make_date(NEW.year, 12, 31));
    IF extract(year FROM day) <> NEW.year THEN
        RAISE EXCEPTION 'planned settlement date % is outside the settlement year %', to_char(day, 'YYYY-MM-DD'), NEW.year
            USING ERRCODE = '22023';
    END IF;
    FOR r IN SELECT DISTINCT c.dimension FROM @extschema@.capacity_schedule c
              WHERE c.year = NEW.year AND c.kommunenr OPERATOR(@extschema@.=) NEW.kommunenr LOOP
        SELECT x.short_on INTO short FROM @extschema@.capacity_schedule_room(NEW.year, NEW.kommunenr, r.dimension, day) x;
        IF short IS NOT NULL THEN
            SELECT x.opened, x.booked INTO by_then FROM @extschema@.capacity_schedule_room(NEW.year, NEW.kommunenr, r.dimension, short) x;
            RAISE EXCEPTION 'municipality % has not opened enough % places by % for this booking (% asked; capacity schedule of %)',
                    NEW.kommunenr, r.dimension, to_char(short, 'YYYY-MM-DD'),
                    @extschema@.capacity_schedule_demand(NEW.household_id, r.dimension), NEW.year
                USING ERRCODE = '23514',
                      DETAIL = format('The booking is planned for %s; by %s the schedule opens %s places and the bookings planned by then, this one included, take %s.',
                                      to_char(day, 'YYYY-MM-DD'), to_char(short, 'YYYY-MM-DD'), by_then.opened, by_then.booked),
                      HINT = 'Plan the settlement for a later day, or open places earlier in capacity_schedule.';
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION @extschema@.capacity_schedule_booking_check() IS
    'trigger on settlement: a booking planned for a day (NULL: the end of the year) fits the places its municipality''s capacity schedule has opened by then and by every later booking day (23514)';
CREATE TRIGGER settlement_schedule_check AFTER INSERT OR UPDATE OF year, kommunenr, status, planned_on
    ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.capacity_schedule_booking_check();

-- remaining_capacity with a day: what is open by as_of and can still be
-- booked for it.  Replaces the one-argument form of 0.1 (dropped by the
-- upgrade, so that remaining_capacity(2024) is not ambiguous).
DROP FUNCTION IF EXISTS @extschema@.remaining_capacity(pg_catalog.int4);
CREATE FUNCTION @extschema@.remaining_capacity(year pg_catalog.int4, as_of pg_catalog.date DEFAULT NULL)
    RETURNS TABLE (kommunenr @extschema@.kommunenr, dimension pg_catalog.text,
                   decided pg_catalog.int4, booked pg_catalog.int8, remaining pg_catalog.int8)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT b.kommunenr, b.dimension,
           COALESCE(x.opened::pg_catalog.int4, b.decided),
           COALESCE(x.booked, b.booked),
           CASE WHEN x.room IS NULL THEN b.decided OPERATOR(pg_catalog.-) b.booked
                ELSE LEAST(x.room, b.decided OPERATOR(pg_catalog.-) b.booked) END
      FROM @extschema@.capacity_booked b
      LEFT JOIN LATERAL (
          SELECT r.opened, r.booked, r.room
            FROM @extschema@.capacity_schedule_room(b.year, b.kommunenr, b.dimension, remaining_capacity.as_of) r
           WHERE remaining_capacity.as_of IS NOT NULL
             AND EXISTS (SELECT 1 FROM @extschema@.capacity_schedule c
                          WHERE c.year OPERATOR(pg_catalog.=) b.year AND c.kommunenr OPERATOR(@extschema@.=) b.kommunenr
                            AND c.dimension OPERATOR(pg_catalog.=) b.dimension)) x ON true
     WHERE b.year OPERATOR(pg_catalog.=) remaining_capacity.year
     ORDER BY b.kommunenr, b.dimension;
END;
COMMENT ON FUNCTION @extschema@.remaining_capacity(pg_catalog.int4, pg_catalog.date) IS
    'per municipality and dimension for a year: the limit (decision.decided, decision.decided_em or capacity.amount), what is booked and what remains (NULL when the limit is unknown); with as_of and a capacity schedule: the places open by then, the bookings planned by then, and what a booking planned for as_of can still take';
