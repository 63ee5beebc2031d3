-- kommunenr.sql: functions of the kommunenr type (municipality number).

COMMENT ON TYPE @extschema@.kommunenr IS
    'kommunenummer: 4 digits whose county part existed in some era since 1838 (SSB KLASS 131), or 9999 (uoppgitt)';

CREATE FUNCTION @extschema@.kommunenr_is_valid(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kommunenr_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kommunenr_is_valid(pg_catalog.text) IS
    'whether the text is a valid kommunenr; never raises an error';

CREATE FUNCTION @extschema@.kommunenr_invalid_reason(pg_catalog.text) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kommunenr_invalid_reason' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kommunenr_invalid_reason(pg_catalog.text) IS
    'why the text is not a valid kommunenr, or NULL when it is valid';

CREATE FUNCTION @extschema@.fylkenr(@extschema@.kommunenr) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kommunenr_fylkenr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fylkenr(@extschema@.kommunenr) IS
    'the county number (fylkesnummer) of the code''s own era: its first two digits; 99 for 9999';

CREATE FUNCTION @extschema@.fylkenr_valid_on(fylkenr pg_catalog.text, on_date pg_catalog.date) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'fylkenr_valid_on' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fylkenr_valid_on(pg_catalog.text, pg_catalog.date) IS
    'whether the two-digit county number was a county on that date (county sets of each era, SSB KLASS 131/104)';
