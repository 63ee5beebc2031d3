-- successors.sql: following a municipality code through renumberings,
-- mergers and splits (issue 4, item 2), over kommunenr_change.

CREATE FUNCTION @extschema@.kommunenr_successors(k @extschema@.kommunenr, on_date pg_catalog.date,
                                                 valid_since pg_catalog.date DEFAULT NULL)
RETURNS SETOF @extschema@.kommunenr
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Start from the code as it was on valid_since (default: the last day it
    -- was valid up to on_date, from the register's versions, else from its
    -- last hand-over in kommunenr_change).  At the first later date on which
    -- the code hands territory to another code, continue from every code it
    -- went to (itself too, when it continues); a code with no such date up to
    -- on_date is where the path ends.  Dates strictly increase, so this ends.
    WITH RECURSIVE start_date AS (
        SELECT coalesce(valid_since,
                        (SELECT least(on_date, coalesce(max(coalesce(m.valid_to, on_date)), on_date))
                         FROM @extschema@.municipality m
                         WHERE m.kommunenr OPERATOR(@extschema@.=) k AND m.valid_from <= on_date
                         HAVING count(*) > 0),
                        (SELECT max(c.valid_from) - 1 FROM @extschema@.kommunenr_change c
                         WHERE c.old_kommunenr OPERATOR(@extschema@.=) k
                           AND c.new_kommunenr OPERATOR(@extschema@.<>) k AND c.valid_from <= on_date),
                        on_date) AS d
    ), walk(code, d) AS (
        SELECT k, (SELECT d FROM start_date) WHERE k IS NOT NULL AND on_date IS NOT NULL
        UNION
        SELECT c.new_kommunenr, c.valid_from
        FROM walk w
        JOIN LATERAL (
            SELECT min(x.valid_from) AS next_d FROM @extschema@.kommunenr_change x
            WHERE x.old_kommunenr OPERATOR(@extschema@.=) w.code
              AND x.new_kommunenr OPERATOR(@extschema@.<>) w.code
              AND x.valid_from > w.d AND x.valid_from <= on_date) nxt ON true
        JOIN @extschema@.kommunenr_change c
          ON c.old_kommunenr OPERATOR(@extschema@.=) w.code AND c.valid_from = nxt.next_d
    )
    SELECT DISTINCT w.code FROM walk w
    WHERE NOT EXISTS (
        SELECT 1 FROM @extschema@.kommunenr_change x
        WHERE x.old_kommunenr OPERATOR(@extschema@.=) w.code
          AND x.new_kommunenr OPERATOR(@extschema@.<>) w.code
          AND x.valid_from > w.d AND x.valid_from <= on_date)
    ORDER BY 1;
$$;
COMMENT ON FUNCTION @extschema@.kommunenr_successors(@extschema@.kommunenr, pg_catalog.date, pg_catalog.date) IS
    'the codes valid on on_date that a municipality code became (renumbering, merger; a split gives several), following kommunenr_change from the code as it was on valid_since (default: the last day up to on_date it was valid)';
