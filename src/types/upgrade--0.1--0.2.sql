-- types: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).

-- Issue 10 item 7: a number outside the century table is accepted (its
-- birth_date is NULL); fnr_strict gives 0.1's rule for a CHECK constraint.
COMMENT ON FUNCTION @extschema@.birth_date(@extschema@.fnr) IS
    'birth date the number encodes; NULL for FH-numbers and where the number does not tell the century (valid only under the 2032 rule, or individual number and year outside the century table)';
COMMENT ON FUNCTION @extschema@.fnr_kind(@extschema@.fnr) IS
    'fnr, dnr, hnr (H-number or NAV synthetic), synthetic (Tenor +80 or NHN +65) or fh (felles hjelpenummer); a number outside the century table keeps its kind (its birth_date is NULL)';
CREATE FUNCTION @extschema@.fnr_strict(@extschema@.fnr) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'fnr_strict' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fnr_strict(@extschema@.fnr) IS
    'whether the number also passes the stricter rule of version 0.1 (a number valid under the pre-2032 check-digit rule must have an individual number and year in the century table); for CHECK (bosetting.fnr_strict(id))';
