-- types_catalog: what the catalog says about the extension's objects: valid
-- operator classes, hash support function 2, the labels of every function.
SET search_path = bosetting, public;

-- Operator classes pass the access methods' own validation.
SELECT opc.opcname, am.amname, amvalidate(opc.oid) AS valid
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcnamespace = 'bosetting'::regnamespace
ORDER BY 1, 2;

-- Every hash operator family has support function 2 (hash partitioning).
SELECT opf.opfname, array_agg(amp.amprocnum ORDER BY amp.amprocnum) AS support
FROM pg_opfamily opf JOIN pg_am am ON am.oid = opf.opfmethod AND am.amname = 'hash'
     JOIN pg_amproc amp ON amp.amprocfamily = opf.oid
WHERE opf.opfnamespace = 'bosetting'::regnamespace
GROUP BY 1 ORDER BY 1;

-- Type I/O functions are IMMUTABLE STRICT PARALLEL SAFE.
SELECT t.typname, p.proname, p.provolatile, p.proisstrict, p.proparallel
FROM pg_type t JOIN pg_proc p ON p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend)
WHERE t.typnamespace = 'bosetting'::regnamespace AND t.typtype = 'b' AND t.typelem = 0
ORDER BY 1, 2;

-- No function of the extension is SECURITY DEFINER but the two justified in
-- the README (the pseudonymised export and _report_grants), and those only
-- with the fixed search_path; every IMMUTABLE one is PARALLEL SAFE; none is
-- left unlabelled-by-accident as VOLATILE SAFE.
SELECT p.oid::regprocedure AS suspicious
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
     JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'bosetting'
WHERE (p.prosecdef AND (p.proname NOT IN ('export_persons', '_report_grants')
                        OR p.proconfig IS DISTINCT FROM '{"search_path=pg_catalog, pg_temp"}'))
   OR (p.provolatile = 'i' AND p.proparallel <> 's')
   OR (p.provolatile = 'v' AND p.proparallel = 's')
ORDER BY 1;

-- Every table and every column of the extension has a COMMENT (with the
-- Norwegian term where there is one).
SELECT c.relname, a.attname AS column_without_comment
FROM pg_class c
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'bosetting'::regnamespace AND c.relkind = 'r'
  AND ((a.attname IS NULL AND obj_description(c.oid, 'pg_class') IS NULL)
       OR (a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL))
ORDER BY 1, 2;
SELECT count(*) AS tables_commented FROM pg_class c
WHERE c.relnamespace = 'bosetting'::regnamespace AND c.relkind = 'r'
  AND obj_description(c.oid, 'pg_class') IS NOT NULL;
