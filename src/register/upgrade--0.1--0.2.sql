-- register: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).

-- Loaders (issue 10, items 2-3): staging_columns gives way to _check_staging;
-- staging.sql and loaders.sql follow this fragment and replace the loaders.
DROP FUNCTION @extschema@.staging_columns(pg_catalog.regclass, pg_catalog.text[], pg_catalog.text);
