-- register: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).

-- Loaders (issue 10, items 2-3): staging_columns gives way to _check_staging;
-- staging.sql and loaders.sql follow this fragment and replace the loaders.
DROP FUNCTION @extschema@.staging_columns(pg_catalog.regclass, pg_catalog.text[], pg_catalog.text);

-- Built-in reference rows survive pg_dump (issue 10, item 3): builtin.sql
-- follows this fragment and adds the guard triggers.
COMMENT ON COLUMN @extschema@.county.builtin IS 'shipped with the extension and not edited (not dumped by pg_dump; CREATE EXTENSION recreates it); an edited built-in row becomes a user row';
COMMENT ON COLUMN @extschema@.municipality.builtin IS 'shipped with the extension and not edited (only 9999 Uoppgitt); not dumped by pg_dump; an edited built-in row becomes a user row';
