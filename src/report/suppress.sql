-- suppress.sql: suppress_cells(), small-cell suppression of a two-way table
-- with published totals (src/core/suppress.h explains the method).

CREATE FUNCTION @extschema@.suppress_cells(row_keys pg_catalog.text[], col_keys pg_catalog.text[],
    counts pg_catalog.int4[], threshold pg_catalog.int4 DEFAULT 5,
    options pg_catalog.jsonb DEFAULT '{}')
RETURNS TABLE(row_key pg_catalog.text, col_key pg_catalog.text, value pg_catalog.int4,
              published pg_catalog.text, suppressed pg_catalog.bool, reason pg_catalog.text)
AS 'MODULE_PATHNAME', 'bosetting_suppress_cells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.suppress_cells(pg_catalog.text[], pg_catalog.text[], pg_catalog.int4[], pg_catalog.int4, pg_catalog.jsonb) IS
    'prikking: a two-way table given as parallel arrays (one element per cell, missing cells 0) with its row, column and grand totals (key ''total''); cells and totals of 1 to threshold-1 are hidden (primary), then further cells (secondary) so that no hidden cell can be computed exactly from the published figures; published is the count or '':''; reason (primary/secondary) is for review, not for publishing; options {"secondary": false} for primary suppression only';
