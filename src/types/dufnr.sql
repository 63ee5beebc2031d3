-- dufnr.sql: functions of the dufnr type (UDI's DUF number).

COMMENT ON TYPE @extschema@.dufnr IS
    'DUF-nummer: UDI''s 12-digit case number (year of first application, serial, two check digits)';

CREATE FUNCTION @extschema@.dufnr_is_valid(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'dufnr_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dufnr_is_valid(pg_catalog.text) IS
    'whether the text is a valid DUF number; never raises an error';

CREATE FUNCTION @extschema@.dufnr_invalid_reason(pg_catalog.text) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'dufnr_invalid_reason' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dufnr_invalid_reason(pg_catalog.text) IS
    'why the text is not a valid DUF number, or NULL when it is valid';

CREATE FUNCTION @extschema@.dufnr_year(@extschema@.dufnr) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'dufnr_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dufnr_year(@extschema@.dufnr) IS
    'the year of the first application to UDI (the first four digits)';
