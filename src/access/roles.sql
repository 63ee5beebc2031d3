-- roles.sql: the profiles and their privileges.  create_roles() makes the
-- four NOLOGIN profiles and grants each what access_rule says; PUBLIC's
-- privileges are set once here, when the extension is installed or updated
-- (this file comes last: every object of the extension exists by now).

-- Every table, view, sequence and function of the extension with the rule
-- that decides its privileges (an exact rule first, else a pattern rule);
-- rule NULL: no decision yet (the catalog test access_catalog fails).
CREATE FUNCTION @extschema@.access_decisions()
RETURNS TABLE(kind pg_catalog.text, object pg_catalog.text, rule pg_catalog.text,
              everyone pg_catalog.text, admin pg_catalog.text, caseworker pg_catalog.text,
              municipality pg_catalog.text, analyst pg_catalog.text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH members AS (
        SELECT CASE WHEN d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'function'
                    WHEN c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['v', 'm']::"char"[]) THEN 'view'
                    WHEN c.relkind OPERATOR(pg_catalog.=) 'S' THEN 'sequence'
                    ELSE 'table' END AS kind,
               (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).identity AS object
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
          LEFT JOIN pg_catalog.pg_class c
                 ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                AND c.oid OPERATOR(pg_catalog.=) d.objid
         WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
           AND d.deptype OPERATOR(pg_catalog.=) 'e'
           AND e.extname OPERATOR(pg_catalog.=) 'bosetting'
           AND (d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
                OR c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'S']::"char"[])))
    SELECT m.kind, m.object, r.object, r.everyone, r.admin, r.caseworker, r.municipality, r.analyst
      FROM members m
      LEFT JOIN LATERAL (
          SELECT a.* FROM @extschema@.access_rule a
           WHERE a.kind OPERATOR(pg_catalog.=) m.kind
             AND (a.object OPERATOR(pg_catalog.=) m.object
                  OR (pg_catalog.strpos(a.object, '%') OPERATOR(pg_catalog.>) 0
                      AND m.object OPERATOR(pg_catalog.~~) a.object))
           ORDER BY pg_catalog.strpos(a.object, '%') OPERATOR(pg_catalog.>) 0, a.object
           LIMIT 1) r ON true
     ORDER BY 1, 2;
END;
COMMENT ON FUNCTION @extschema@.access_decisions() IS
    'every table, view, sequence and function of the extension with the access_rule that decides its privileges (rule NULL: no decision)';

-- One privilege list applied to one object for one grantee: REVOKE ALL,
-- then GRANT the list (so a changed rule also takes privileges away).
CREATE FUNCTION @extschema@._access_apply(kind pg_catalog.text, object pg_catalog.text,
                                          privileges pg_catalog.text, grantee pg_catalog.text)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target text := CASE kind WHEN 'function' THEN 'ROUTINE' WHEN 'sequence' THEN 'SEQUENCE' ELSE 'TABLE' END;
    who text := CASE WHEN grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(grantee) END;
BEGIN
    -- object comes from pg_identify_object (quoted, schema-qualified) and
    -- privileges passed access_rule's CHECK: neither can carry more SQL.
    EXECUTE format('REVOKE ALL ON %s %s FROM %s', target, object, who);
    IF privileges <> '' THEN
        EXECUTE format('GRANT %s ON %s %s TO %s', privileges, target, object, who);
    END IF;
END;
$$;
COMMENT ON FUNCTION @extschema@._access_apply(pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
    'internal (create_roles): revokes every privilege of grantee on the object, then grants the rule''s list';

CREATE FUNCTION @extschema@.create_roles()
RETURNS TABLE(profile pg_catalog.text, created pg_catalog.bool, objects pg_catalog.int4)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    d record;
    missing text;
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION 'only a superuser can run create_roles()'
            USING ERRCODE = '42501',
                  HINT = 'The profiles are cluster-wide roles; a superuser creates them once per cluster and again after every update of bosetting.';
    END IF;
    SELECT string_agg(x.kind || ' ' || x.object, ', ') INTO missing
      FROM @extschema@.access_decisions() x WHERE x.rule IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'no access decision for %', missing
            USING ERRCODE = '55000', HINT = 'Add a row for each to bosetting.access_rule (src/access/rules.sql).';
    END IF;
    FOR profile IN SELECT unnest(ARRAY['bosetting_admin', 'bosetting_caseworker',
                                       'bosetting_municipality', 'bosetting_analyst']) LOOP
        created := NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = profile);
        -- a profile made by someone else beforehand must still be a plain group
        IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = profile
                    AND (r.rolcanlogin OR r.rolsuper OR r.rolbypassrls OR r.rolcreaterole)) THEN
            RAISE EXCEPTION 'role % exists and is not a plain NOLOGIN group role', profile
                USING ERRCODE = '42501',
                      HINT = format('Check who made it; ALTER ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE, then run create_roles() again.', profile);
        END IF;
        IF created THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', profile);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', '@extschema@', profile);
        objects := 0;
        FOR d IN SELECT x.kind, x.object,
                        CASE profile WHEN 'bosetting_admin' THEN x.admin
                                     WHEN 'bosetting_caseworker' THEN x.caseworker
                                     WHEN 'bosetting_municipality' THEN x.municipality
                                     ELSE x.analyst END AS privileges
                   FROM @extschema@.access_decisions() x LOOP
            PERFORM @extschema@._access_apply(d.kind, d.object, d.privileges, profile);
            objects := objects + (d.privileges <> '')::int;
        END LOOP;
        RETURN NEXT;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION @extschema@.create_roles() IS
    'superuser only, idempotent: creates the NOLOGIN profiles bosetting_admin, bosetting_caseworker, bosetting_municipality and bosetting_analyst where missing and grants each exactly what access_rule says (revoking anything else); run it again after an update or a restore; returns per profile whether it was created and on how many objects it has privileges';

-- PUBLIC: what access_rule.everyone says (the identifier types' functions),
-- nothing else; set at install and update time, so it is the extension's
-- initial privilege and pg_dump does not repeat it.
DO $$
DECLARE
    d record;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOR d IN SELECT * FROM @extschema@.access_decisions() LOOP
        PERFORM @extschema@._access_apply(d.kind, d.object, COALESCE(d.everyone, ''), 'PUBLIC');
    END LOOP;
END;
$$;
