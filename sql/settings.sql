-- settings: bosetting's own settings (src/bosetting.c).  bosetting.restoring
-- switches the register's checks and the capacity triggers off, so only a
-- superuser may set it, even when it is set before the library is loaded.
CREATE ROLE bosetting_clerk;
GRANT USAGE ON SCHEMA bosetting TO bosetting_clerk;
-- This session has not loaded the library yet: an unprivileged role can only
-- leave a placeholder behind ...
SET ROLE bosetting_clerk;
SET bosetting.restoring = on;
RESET ROLE;
-- ... which loading the library refuses: the checks stay on.
SELECT bosetting.restoring();
SHOW bosetting.restoring;

SELECT name, setting, context FROM pg_settings WHERE name LIKE 'bosetting.%' ORDER BY 1;

SET ROLE bosetting_clerk;
SET bosetting.restoring = on;
SET bosetting.solver_max_pairs = 2000000000;
SET bosetting.no_such_setting = 1;
RESET ROLE;

-- A superuser restoring a dump may.
SET bosetting.restoring = on;
SELECT bosetting.restoring();
RESET bosetting.restoring;
SELECT bosetting.restoring();

REVOKE USAGE ON SCHEMA bosetting FROM bosetting_clerk;
DROP ROLE bosetting_clerk;
