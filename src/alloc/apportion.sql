-- apportion: distribute an integer total over weighted units, exactly
-- (src/core/apportion.c; research/allocation.md section 5).

CREATE FUNCTION @extschema@.apportion(
	weights pg_catalog.numeric[],
	total pg_catalog.int4,
	method pg_catalog.text DEFAULT 'sainte_lague',
	lower pg_catalog.int4[] DEFAULT NULL,
	upper pg_catalog.int4[] DEFAULT NULL)
RETURNS pg_catalog.int4[]
AS 'MODULE_PATHNAME', 'bosetting_apportion'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.apportion(pg_catalog.numeric[], pg_catalog.int4, pg_catalog.text, pg_catalog.int4[], pg_catalog.int4[]) IS
'Distribute total over units in proportion to weights, exactly (no floating point): '
'hamilton (largest remainder), dhondt, sainte_lague, modified_sainte_lague (first divisor 1.4), '
'huntington_hill, adams; optional per-unit lower/upper bounds; ties go to the lower index. '
'NULL weights, total or method give NULL.';
