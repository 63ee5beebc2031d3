-- access.sql: the access model (issue 12): four profiles (NOLOGIN group
-- roles made by create_roles()), the privilege decision of every table,
-- view, sequence and function per profile (access_rule, filled by
-- rules.sql), the mapping of roles to the municipalities they act for, and
-- the row-level security policies of the register tables.
--
-- This module comes last in the install script: it sees every object of the
-- extension.  Its SQL is new in 0.2, so the same files are the 0.1 -> 0.2
-- upgrade fragment (module.mk).

CREATE TABLE @extschema@.access_rule (
    kind         pg_catalog.text NOT NULL
        CONSTRAINT access_rule_kind_known CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['table', 'view', 'sequence', 'function'])),
    object       pg_catalog.text NOT NULL,
    everyone     pg_catalog.text NOT NULL DEFAULT '',
    admin        pg_catalog.text NOT NULL,
    caseworker   pg_catalog.text NOT NULL,
    municipality pg_catalog.text NOT NULL,
    analyst      pg_catalog.text NOT NULL,
    PRIMARY KEY (kind, object),
    -- Only these privileges, optionally on columns; never TRIGGER, TRUNCATE
    -- or REFERENCES (a role's own trigger on an extension table runs inside
    -- the extension's writes: issue 10).
    CONSTRAINT access_rule_privileges CHECK (
        pg_catalog.concat_ws(';', everyone, admin, caseworker, municipality, analyst)
        OPERATOR(pg_catalog.~) '^((SELECT|INSERT|UPDATE|DELETE|EXECUTE)( \([a-z0-9_, ]+\))?(, (SELECT|INSERT|UPDATE|DELETE|EXECUTE)( \([a-z0-9_, ]+\))?)*)?(;((SELECT|INSERT|UPDATE|DELETE|EXECUTE)( \([a-z0-9_, ]+\))?(, (SELECT|INSERT|UPDATE|DELETE|EXECUTE)( \([a-z0-9_, ]+\))?)*)?)*$')
);
COMMENT ON TABLE @extschema@.access_rule IS
    'tilgangsregler: the privileges of PUBLIC and of each profile on every table, view, sequence and function of the extension (create_roles() grants them; a catalog test fails when an object has no rule); empty = nothing';
COMMENT ON COLUMN @extschema@.access_rule.kind IS 'table, view, sequence or function (aggregates count as functions)';
COMMENT ON COLUMN @extschema@.access_rule.object IS 'the object as pg_identify_object() names it (bosetting.person, bosetting.remaining_capacity(integer)); a pattern with % covers objects added later (bosetting.report_%)';
COMMENT ON COLUMN @extschema@.access_rule.everyone IS 'privileges of PUBLIC (set when the extension is installed): only the identifier types'' functions';
COMMENT ON COLUMN @extschema@.access_rule.admin IS 'privileges of bosetting_admin, as in GRANT (e.g. ''SELECT, INSERT'', ''UPDATE (decided, decided_em)'', ''EXECUTE'')';
COMMENT ON COLUMN @extschema@.access_rule.caseworker IS 'privileges of bosetting_caseworker';
COMMENT ON COLUMN @extschema@.access_rule.municipality IS 'privileges of bosetting_municipality (rows limited further by row-level security)';
COMMENT ON COLUMN @extschema@.access_rule.analyst IS 'privileges of bosetting_analyst';

CREATE TABLE @extschema@.municipality_access (
    member       pg_catalog.regrole NOT NULL,
    kommunenr    @extschema@.kommunenr NOT NULL,
    granted_at   pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.transaction_timestamp(),
    granted_by   pg_catalog.text NOT NULL DEFAULT SESSION_USER,
    PRIMARY KEY (member, kommunenr)
);
COMMENT ON TABLE @extschema@.municipality_access IS
    'kommunetilgang: the municipalities a role (and every role that inherits its privileges) acts for under the bosetting_municipality profile; written by grant_municipality() and revoke_municipality()';
COMMENT ON COLUMN @extschema@.municipality_access.member IS 'the role (a login role such as kari, or a group role such as oslo_kommune); dumped by name, so restore the roles first';
COMMENT ON COLUMN @extschema@.municipality_access.kommunenr IS 'kommunenummer the role acts for';
COMMENT ON COLUMN @extschema@.municipality_access.granted_at IS 'when the mapping was made';
COMMENT ON COLUMN @extschema@.municipality_access.granted_by IS 'the login (session user) that made it';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality_access', '');

-- The policy helpers.  They run with the caller's rights (no SECURITY
-- DEFINER): each reads only what the caller may read, so the policies
-- cannot recurse and a role learns nothing about other roles' mappings.
-- Every role's query on a protected table evaluates them, so PUBLIC may
-- execute them and read municipality_access (its policy shows a role only
-- its own mappings): a role without a profile then sees no rows instead of
-- an error about a helper.
CREATE FUNCTION @extschema@.access_has_profile(profiles pg_catalog.text[])
RETURNS pg_catalog.bool
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    -- to_regrole: NULL (not an error) while the profile does not exist yet
    SELECT COALESCE(pg_catalog.bool_or(pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole(p), 'USAGE')), false)
      FROM pg_catalog.unnest(profiles) AS p;
END;
COMMENT ON FUNCTION @extschema@.access_has_profile(pg_catalog.text[]) IS
    'policies: whether the current role has the privileges of one of these profiles (directly or by inheritance)';

CREATE FUNCTION @extschema@.access_municipalities()
RETURNS @extschema@.kommunenr[]
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT COALESCE(pg_catalog.array_agg(DISTINCT a.kommunenr), '{}')
      FROM @extschema@.municipality_access a
     WHERE pg_catalog.pg_has_role(CURRENT_USER, a.member, 'USAGE');
END;
COMMENT ON FUNCTION @extschema@.access_municipalities() IS
    'the municipalities the current role acts for (its own mappings and those of the roles it inherits from)';

CREATE FUNCTION @extschema@.access_nationwide()
RETURNS pg_catalog.bool
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT COALESCE(pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole('bosetting_admin'), 'USAGE'), false)
        OR COALESCE(pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole('bosetting_caseworker'), 'USAGE'), false);
END;
COMMENT ON FUNCTION @extschema@.access_nationwide() IS
    'policies: whether the current role sees every municipality''s rows (bosetting_admin, bosetting_caseworker)';

-- Row-level security.  Each protected table has a nationwide policy
-- (administrators, caseworkers) and a municipality policy; the helpers are
-- scalar subqueries, so they run once per statement, not once per row.  The
-- capacity triggers run as the extension's owner, which bypasses these
-- policies (no FORCE ROW LEVEL SECURITY), so a booking still counts persons
-- the booking role cannot see.
ALTER TABLE @extschema@.municipality_access ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.municipality_access
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY own_mapping ON @extschema@.municipality_access FOR SELECT
    USING (pg_catalog.pg_has_role(CURRENT_USER, member, 'USAGE'));

ALTER TABLE @extschema@.settlement ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.settlement
    USING ((SELECT @extschema@.access_nationwide()));
-- Own rows, withdrawn ones too: a municipality that declines a proposal
-- (status withdrawn) still passes the check and keeps seeing its decline.
CREATE POLICY own_municipality ON @extschema@.settlement
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]));

ALTER TABLE @extschema@.household ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.household
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY booked_here ON @extschema@.household FOR SELECT
    USING (EXISTS (SELECT 1 FROM @extschema@.settlement s
                    WHERE s.household_id OPERATOR(pg_catalog.=) household.household_id
                      AND s.status OPERATOR(pg_catalog.<>) 'withdrawn'
                      AND s.kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[])));

ALTER TABLE @extschema@.person ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.person
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY booked_here ON @extschema@.person FOR SELECT
    USING (EXISTS (SELECT 1 FROM @extschema@.settlement s
                    WHERE s.household_id OPERATOR(pg_catalog.=) person.household_id
                      AND s.status OPERATOR(pg_catalog.<>) 'withdrawn'
                      AND s.kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[])));

ALTER TABLE @extschema@.household_need ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.household_need
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY booked_here ON @extschema@.household_need FOR SELECT
    USING (EXISTS (SELECT 1 FROM @extschema@.settlement s
                    WHERE s.household_id OPERATOR(pg_catalog.=) household_need.household_id
                      AND s.status OPERATOR(pg_catalog.<>) 'withdrawn'
                      AND s.kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[])));

ALTER TABLE @extschema@.settlement_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.settlement_history
    USING ((SELECT @extschema@.access_nationwide()));
-- The history of the settlements the role sees (settlement's own policy).
CREATE POLICY own_settlements ON @extschema@.settlement_history FOR SELECT
    USING (EXISTS (SELECT 1 FROM @extschema@.settlement s
                    WHERE s.settlement_id OPERATOR(pg_catalog.=) settlement_history.settlement_id));

ALTER TABLE @extschema@.match_proposal ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.match_proposal
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY own_municipality ON @extschema@.match_proposal FOR SELECT
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]));

ALTER TABLE @extschema@.outcome_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.outcome_score
    USING ((SELECT @extschema@.access_nationwide()));
ALTER TABLE @extschema@.household_preference ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.household_preference
    USING ((SELECT @extschema@.access_nationwide()));

-- Decisions and capacity: aggregate figures, so analysts read them all; a
-- municipality reads and writes its own.
ALTER TABLE @extschema@.decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.decision
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY analyst ON @extschema@.decision FOR SELECT
    USING ((SELECT @extschema@.access_has_profile(ARRAY['bosetting_analyst'])));
CREATE POLICY own_municipality ON @extschema@.decision
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]));

ALTER TABLE @extschema@.capacity ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.capacity
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY analyst ON @extschema@.capacity FOR SELECT
    USING ((SELECT @extschema@.access_has_profile(ARRAY['bosetting_analyst'])));
CREATE POLICY own_municipality ON @extschema@.capacity
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]));

-- The counters: remaining_capacity() reads them with the caller's rights.
ALTER TABLE @extschema@.capacity_booked ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.capacity_booked
    USING ((SELECT @extschema@.access_nationwide()));
CREATE POLICY own_municipality ON @extschema@.capacity_booked FOR SELECT
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]));
ALTER TABLE @extschema@.capacity_household ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.capacity_household
    USING ((SELECT @extschema@.access_nationwide()));

-- grant_settled_person reads person and settlement: with the caller's
-- rights, so that a municipality's municipality_grants() and
-- grant_projection() see only its own persons.
ALTER VIEW @extschema@.grant_settled_person SET (security_invoker = true);

-- Which municipalities a role acts for.
CREATE FUNCTION @extschema@.grant_municipality(role pg_catalog.regrole, kommunenr @extschema@.kommunenr[])
RETURNS pg_catalog.int4
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unknown @extschema@.kommunenr;
    added int4;
BEGIN
    IF role::oid = 0 OR role::text = ANY (ARRAY['bosetting_admin', 'bosetting_caseworker',
                                                 'bosetting_municipality', 'bosetting_analyst']) THEN
        RAISE EXCEPTION 'grant_municipality maps a member role, not the profile %', role
            USING ERRCODE = '22023',
                  HINT = 'Map the login or group role (e.g. kari, oslo_kommune) and GRANT bosetting_municipality TO it.';
    END IF;
    SELECT k INTO unknown FROM unnest(kommunenr) k
     WHERE k IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.municipality m
                                     WHERE m.kommunenr OPERATOR(@extschema@.=) k)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'no municipality %', coalesce(unknown::text, 'NULL')
            USING ERRCODE = '22023', HINT = 'Load the municipality register first (load_municipalities).';
    END IF;
    INSERT INTO @extschema@.municipality_access (member, kommunenr)
    SELECT role, k FROM unnest(kommunenr) k
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'bosetting_municipality'
                     AND pg_has_role(role::oid, r.oid, 'USAGE')) THEN
        RAISE NOTICE 'role % does not have the bosetting_municipality profile yet', role
            USING HINT = format('GRANT bosetting_municipality TO %s;', role);
    END IF;
    RETURN added;
END;
$$;
COMMENT ON FUNCTION @extschema@.grant_municipality(pg_catalog.regrole, @extschema@.kommunenr[]) IS
    'lets a role act for these municipalities under the bosetting_municipality profile (rows in municipality_access); returns the number of mappings added';

CREATE FUNCTION @extschema@.revoke_municipality(role pg_catalog.regrole, kommunenr @extschema@.kommunenr[])
RETURNS pg_catalog.int4
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
    WITH gone AS (
        DELETE FROM @extschema@.municipality_access a
         WHERE a.member OPERATOR(pg_catalog.=) revoke_municipality.role
           AND a.kommunenr OPERATOR(@extschema@.=) ANY (revoke_municipality.kommunenr)
        RETURNING 1)
    SELECT pg_catalog.count(*)::pg_catalog.int4 FROM gone;
END;
COMMENT ON FUNCTION @extschema@.revoke_municipality(pg_catalog.regrole, @extschema@.kommunenr[]) IS
    'ends a role''s mappings to these municipalities; returns the number removed';

-- Declining a proposal: the municipality withdraws the settlement and
-- records why.  The withdrawal is in settlement_history (the history
-- trigger); the reason, who declined and when are here.
CREATE TABLE @extschema@.settlement_decline (
    settlement_id pg_catalog.int8 PRIMARY KEY,
    kommunenr     @extschema@.kommunenr NOT NULL,
    reason        pg_catalog.text NOT NULL
        CONSTRAINT settlement_decline_reason_given CHECK (pg_catalog.btrim(reason) OPERATOR(pg_catalog.<>) ''),
    declined_at   pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.transaction_timestamp(),
    declined_by   pg_catalog.text NOT NULL DEFAULT SESSION_USER,
    acting_role   pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE @extschema@.settlement_decline IS
    'avslag: why a municipality declined (withdrew) a proposed or accepted settlement; written by decline_proposal()';
COMMENT ON COLUMN @extschema@.settlement_decline.settlement_id IS 'the withdrawn settlement (kept after the settlement is deleted, like settlement_history, so no foreign key)';
COMMENT ON COLUMN @extschema@.settlement_decline.kommunenr IS 'the municipality that declined';
COMMENT ON COLUMN @extschema@.settlement_decline.reason IS 'the reason given (free text, required)';
COMMENT ON COLUMN @extschema@.settlement_decline.declined_at IS 'when (transaction time)';
COMMENT ON COLUMN @extschema@.settlement_decline.declined_by IS 'the login (session user); a municipality cannot supply it (column privileges)';
COMMENT ON COLUMN @extschema@.settlement_decline.acting_role IS 'the role that acted (current user); a municipality cannot supply it';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement_decline', '');

ALTER TABLE @extschema@.settlement_decline ENABLE ROW LEVEL SECURITY;
CREATE POLICY nationwide ON @extschema@.settlement_decline
    USING ((SELECT @extschema@.access_nationwide()));
-- A decline row only for the role's own withdrawn settlement.
CREATE POLICY own_municipality ON @extschema@.settlement_decline
    USING (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[]))
    WITH CHECK (kommunenr OPERATOR(@extschema@.=) ANY ((SELECT @extschema@.access_municipalities())::@extschema@.kommunenr[])
                AND EXISTS (SELECT 1 FROM @extschema@.settlement s
                             WHERE s.settlement_id OPERATOR(pg_catalog.=) settlement_decline.settlement_id
                               AND s.kommunenr OPERATOR(@extschema@.=) settlement_decline.kommunenr
                               AND s.status OPERATOR(pg_catalog.=) 'withdrawn'));

CREATE FUNCTION @extschema@.decline_proposal(settlement_id pg_catalog.int8, reason pg_catalog.text)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k @extschema@.kommunenr;
BEGIN
    IF btrim(reason) = '' THEN
        RAISE EXCEPTION 'a decline needs a reason' USING ERRCODE = '22023';
    END IF;
    UPDATE @extschema@.settlement s SET status = 'withdrawn'
     WHERE s.settlement_id = decline_proposal.settlement_id
       AND s.status = ANY (ARRAY['proposed', 'accepted'])
    RETURNING s.kommunenr INTO k;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no proposed or accepted settlement % that you may decline', settlement_id
            USING ERRCODE = '22023',
                  HINT = 'A municipality declines only proposals in its own municipalities (municipality_access).';
    END IF;
    INSERT INTO @extschema@.settlement_decline (settlement_id, kommunenr, reason)
    VALUES (decline_proposal.settlement_id, k, reason);
END;
$$;
COMMENT ON FUNCTION @extschema@.decline_proposal(pg_catalog.int8, pg_catalog.text) IS
    'a municipality (or a caseworker) declines a proposed or accepted settlement: it is withdrawn (releasing its places; settlement_history records the change) and the reason is kept in settlement_decline';
