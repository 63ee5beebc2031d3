-- assign.sql: the generic assignment solver (src/core/assign.c).

CREATE FUNCTION @extschema@.solve_assignment(
    demand pg_catalog.int4[], capacity pg_catalog.int4[], score pg_catalog.float8[],
    options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(item pg_catalog.int4, bin pg_catalog.int4)
AS 'MODULE_PATHNAME', 'bosetting_solve_assignment'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED COST 100000 ROWS 1000;
COMMENT ON FUNCTION @extschema@.solve_assignment(pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.jsonb) IS
    'assign items (demand: items × dimensions) to bins (capacity: bins × dimensions) maximising the total score (items × bins; NULL = not allowed); every capacity holds, items are indivisible, unassigned items get bin NULL; options: seed, time_limit_ms, constraints (balance: [{"items": [...], "bins": [...], "max_per_bin" | "min" | "min_share": ...}], see doc/match.md)';

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
