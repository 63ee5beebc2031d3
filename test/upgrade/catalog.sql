-- catalog.sql: one line per property of every object that belongs to the
-- extension bosetting, in a stable order, for comparing an updated install
-- with a fresh one.  Object identity is by name (never by OID); tables are
-- described column by column in column order (dropped columns skipped).
\pset format unaligned
\pset tuples_only on
\pset pager off
SET search_path = pg_catalog;

WITH ext AS (
    SELECT oid FROM pg_extension WHERE extname = 'bosetting'
), member AS (
    SELECT d.classid, d.objid
    FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), line AS (
    -- every member, with its comment and privileges
    SELECT pg_describe_object(m.classid, m.objid, 0) AS obj, 'member' AS prop, '' AS val
    FROM member m
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'comment', obj_description(m.objid, c.relname::text)
    FROM member m JOIN pg_class c ON c.oid = m.classid
    WHERE obj_description(m.objid, c.relname::text) IS NOT NULL
    -- functions: their whole definition and ACL
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'definition', pg_get_functiondef(p.oid)
    FROM member m JOIN pg_proc p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
    WHERE p.prokind <> 'a'
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'aggregate',
           concat_ws(' ', a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggtranstype::regtype, a.aggsortop::regoperator)
    FROM member m JOIN pg_aggregate a ON a.aggfnoid = m.objid AND m.classid = 'pg_proc'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'acl', p.proacl::text
    FROM member m JOIN pg_proc p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
    -- relations: kind, options, ACL, row security, view definition
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'relation',
           concat_ws(' ', c.relkind::text, c.relpersistence::text, c.relrowsecurity, c.relforcerowsecurity,
                     c.reloptions::text, c.relreplident::text)
    FROM member m JOIN pg_class c ON c.oid = m.objid AND m.classid = 'pg_class'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'acl', c.relacl::text
    FROM member m JOIN pg_class c ON c.oid = m.objid AND m.classid = 'pg_class'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'view', pg_get_viewdef(c.oid)
    FROM member m JOIN pg_class c ON c.oid = m.objid AND m.classid = 'pg_class'::regclass
    WHERE c.relkind IN ('v', 'm')
    -- columns, in order: name, type, default, not null, identity, comment, ACL
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0),
           format('column %s', row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)),
           concat_ws(' ', a.attname, format_type(a.atttypid, a.atttypmod),
                     CASE WHEN a.attnotnull THEN 'not null' END,
                     nullif(a.attidentity::text, ''), nullif(a.attgenerated::text, ''),
                     'default ' || pg_get_expr(ad.adbin, ad.adrelid),
                     'comment ' || col_description(c.oid, a.attnum),
                     'acl ' || a.attacl::text,
                     CASE WHEN a.attcollation <> 0 THEN 'collate ' || a.attcollation::regcollation::text END)
    FROM member m JOIN pg_class c ON c.oid = m.objid AND m.classid = 'pg_class'::regclass
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
    -- constraints, indexes, triggers, policies, rules of member relations
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'constraint ' || co.conname, pg_get_constraintdef(co.oid)
    FROM member m JOIN pg_constraint co ON co.conrelid = m.objid AND m.classid = 'pg_class'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'index ' || ic.relname, pg_get_indexdef(i.indexrelid)
    FROM member m JOIN pg_index i ON i.indrelid = m.objid AND m.classid = 'pg_class'::regclass
    JOIN pg_class ic ON ic.oid = i.indexrelid
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'trigger ' || t.tgname,
           pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
    FROM member m JOIN pg_trigger t ON t.tgrelid = m.objid AND m.classid = 'pg_class'::regclass
    WHERE NOT t.tgisinternal
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'policy ' || po.polname,
           concat_ws(' ', po.polcmd::text, po.polpermissive, po.polroles::regrole[]::text,
                     'using ' || pg_get_expr(po.polqual, po.polrelid),
                     'check ' || pg_get_expr(po.polwithcheck, po.polrelid))
    FROM member m JOIN pg_policy po ON po.polrelid = m.objid AND m.classid = 'pg_class'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'rule ' || r.rulename, pg_get_ruledef(r.oid)
    FROM member m JOIN pg_rewrite r ON r.ev_class = m.objid AND m.classid = 'pg_class'::regclass
    WHERE r.rulename <> '_RETURN'
    -- types: their shape; operators: their functions
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'type',
           concat_ws(' ', t.typtype::text, t.typlen, t.typbyval, t.typalign::text, t.typstorage::text, t.typcategory::text,
                     t.typinput::regproc, t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc,
                     t.typnotnull, format_type(t.typbasetype, t.typtypmod), t.typdefault,
                     t.typacl::text)
    FROM member m JOIN pg_type t ON t.oid = m.objid AND m.classid = 'pg_type'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'constraint ' || co.conname, pg_get_constraintdef(co.oid)
    FROM member m JOIN pg_constraint co ON co.contypid = m.objid AND m.classid = 'pg_type'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'operator',
           concat_ws(' ', o.oprcode::regproc, o.oprcom::regoperator, o.oprnegate::regoperator,
                     o.oprrest::regproc, o.oprjoin::regproc, o.oprcanmerge, o.oprcanhash)
    FROM member m JOIN pg_operator o ON o.oid = m.objid AND m.classid = 'pg_operator'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'cast',
           concat_ws(' ', ca.castfunc::regprocedure, ca.castcontext::text, ca.castmethod::text)
    FROM member m JOIN pg_cast ca ON ca.oid = m.objid AND m.classid = 'pg_cast'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'event trigger',
           concat_ws(' ', e.evtevent, e.evtfoid::regproc, e.evtenabled::text, e.evttags::text)
    FROM member m JOIN pg_event_trigger e ON e.oid = m.objid AND m.classid = 'pg_event_trigger'::regclass
    -- operator class and family contents (describe_object names the members)
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'family member',
           pg_describe_object('pg_amop'::regclass, ao.oid, 0)
    FROM member m JOIN pg_amop ao ON ao.amopfamily = m.objid AND m.classid = 'pg_opfamily'::regclass
    UNION ALL
    SELECT pg_describe_object(m.classid, m.objid, 0), 'family member',
           pg_describe_object('pg_amproc'::regclass, ap.oid, 0)
    FROM member m JOIN pg_amproc ap ON ap.amprocfamily = m.objid AND m.classid = 'pg_opfamily'::regclass
)
SELECT obj || ' | ' || prop || ' | ' || coalesce(val, '<null>')
FROM line
ORDER BY obj, prop, val;

-- Default privileges and the schema itself (created by CREATE EXTENSION).
SELECT 'schema bosetting | acl | ' || coalesce(nspacl::text, '<null>') || ' | owner extension-owner'
FROM pg_namespace WHERE nspname = 'bosetting';
