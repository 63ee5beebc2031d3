-- lifecycle_drop_guard: DROP EXTENSION bosetting, DROP SCHEMA bosetting and
-- DROP OWNED BY its owner refuse while the register holds rows pg_dump would
-- save; a superuser's bosetting.allow_drop lets them through.  Every DROP that
-- could succeed runs in a transaction rolled back.
\set VERBOSITY default
-- The register holds only built-in rows: DROP goes through.
BEGIN;
DROP EXTENSION bosetting;
SELECT count(*) AS bosetting_installed FROM pg_extension WHERE extname = 'bosetting';
ROLLBACK;

-- One row of the user's own: every way to drop the extension refuses.
INSERT INTO bosetting.kommunenr_change (valid_from, old_kommunenr, new_kommunenr, note, source)
VALUES ('2020-01-01', '1201', '4601', 'renumbering', 'regress');
BEGIN;
DROP EXTENSION bosetting;
ROLLBACK;
BEGIN;
DROP EXTENSION IF EXISTS no_such_extension, bosetting CASCADE;
ROLLBACK;
BEGIN;
DROP SCHEMA bosetting CASCADE;
ROLLBACK;
BEGIN;
DROP OWNED BY CURRENT_USER;
ROLLBACK;

-- Other DROPs are not its business.
CREATE SCHEMA regress_lifecycle_other;
DROP SCHEMA regress_lifecycle_other;

-- Only a superuser can set the override, before or after the library loaded.
CREATE ROLE regress_lifecycle_clerk;
SET ROLE regress_lifecycle_clerk;
SET bosetting.allow_drop = on;
RESET ROLE;
SHOW bosetting.allow_drop;
BEGIN;
DROP EXTENSION bosetting;
ROLLBACK;

-- A superuser who means it.
BEGIN;
SET LOCAL bosetting.allow_drop = on;
DROP EXTENSION bosetting;
SELECT count(*) AS bosetting_installed FROM pg_extension WHERE extname = 'bosetting';
ROLLBACK;
SELECT count(*) AS changes_kept FROM bosetting.kommunenr_change WHERE source = 'regress';

-- The guard is an event trigger, not something to call.
SELECT bosetting.drop_guard();

DELETE FROM bosetting.kommunenr_change WHERE source = 'regress';
DROP ROLE regress_lifecycle_clerk;
