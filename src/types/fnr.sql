-- fnr.sql: functions of the fnr type (fødselsnummer family).  Rules in
-- src/core/nid.c; the type itself comes from identifier.sql.in.

COMMENT ON TYPE @extschema@.fnr IS
    'fødselsnummer: 11 digits (F-, D-, H-, FH- and synthetic numbers), validated with both check-digit rules (before and from 2032)';

CREATE FUNCTION @extschema@.fnr_is_valid(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'fnr_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_is_valid(pg_catalog.text) IS
    'whether the text is a valid fnr; never raises an error';

CREATE FUNCTION @extschema@.fnr_invalid_reason(pg_catalog.text) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'fnr_invalid_reason' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_invalid_reason(pg_catalog.text) IS
    'why the text is not a valid fnr, or NULL when it is valid';

CREATE FUNCTION @extschema@.birth_date(@extschema@.fnr) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'fnr_birth_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.birth_date(@extschema@.fnr) IS
    'birth date the number encodes; NULL for FH-numbers and where the number does not tell the century (valid only under the 2032 rule, or individual number and year outside the century table)';

CREATE FUNCTION @extschema@.fnr_kind(@extschema@.fnr) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'fnr_kind_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_kind(@extschema@.fnr) IS
    'fnr, dnr, hnr (H-number or NAV synthetic), synthetic (Tenor +80 or NHN +65) or fh (felles hjelpenummer); a number outside the century table keeps its kind (its birth_date is NULL)';

CREATE FUNCTION @extschema@.fnr_legacy_checksum(@extschema@.fnr) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'fnr_legacy_checksum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_legacy_checksum(@extschema@.fnr) IS
    'whether the first check digit also passes the rule in force before 2032';

CREATE FUNCTION @extschema@.fnr_strict(@extschema@.fnr) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'fnr_strict' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_strict(@extschema@.fnr) IS
    'whether the number also passes the stricter rule of version 0.1 (a number valid under the pre-2032 check-digit rule must have an individual number and year in the century table); for CHECK (bosetting.fnr_strict(id))';
