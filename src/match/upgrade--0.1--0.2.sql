-- match: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).

-- balance constraints: option "constraints" of solve_assignment, reported by
-- last_assignment_stats() in a new last column (OUT columns: drop and create).
COMMENT ON FUNCTION @extschema@.solve_assignment(pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.jsonb) IS
    'assign items (demand: items × dimensions) to bins (capacity: bins × dimensions) maximising the total score (items × bins; NULL = not allowed); every capacity holds, items are indivisible, unassigned items get bin NULL; options: seed, time_limit_ms, constraints (balance: [{"items": [...], "bins": [...], "max_per_bin" | "min" | "min_share": ...}], see doc/match.md)';
DROP FUNCTION @extschema@.last_assignment_stats();
CREATE FUNCTION @extschema@.last_assignment_stats(
    OUT items pg_catalog.int4, OUT bins pg_catalog.int4, OUT dimensions pg_catalog.int4,
    OUT assigned pg_catalog.int4, OUT objective pg_catalog.float8, OUT bound pg_catalog.float8,
    OUT gap pg_catalog.float8, OUT elapsed_ms pg_catalog.float8, OUT time_limited pg_catalog.bool,
    OUT dual_iterations pg_catalog.int4, OUT search_rounds pg_catalog.int4, OUT work_bytes pg_catalog.int8,
    OUT constraints pg_catalog.jsonb)
RETURNS record
AS 'MODULE_PATHNAME', 'bosetting_last_assignment_stats'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.last_assignment_stats() IS
    'statistics of the last solve_assignment (or match_households) in this session: objective, upper bound (Lagrangian = LP bound), relative gap, time, memory; constraints: with option constraints, the objective with and without them (price_of_fairness) and per constraint its limit, value, binding and shortfall; NULL before the first solve';

-- propose_matches (it records each run and its unplaced households, issue 13)
-- is replaced by src/match/propose.sql, which the upgrade runs as it is.
