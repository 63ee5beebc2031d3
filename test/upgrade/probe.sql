-- probe.sql: one call into each C file the 0.1 install script names, with
-- answers that do not depend on the version of the SQL around them.  The
-- upgrade test (t/010_upgrade.pl) runs it on a 0.1 database served by the
-- current library, after ALTER EXTENSION UPDATE, and on a fresh install.
\pset format unaligned
\pset tuples_only on
\pset pager off
-- src/types/fnr.c, dufnr.c, kommunenr.c: input, output, validity, reasons
SELECT 'fnr', '20036914700'::bosetting.fnr, bosetting.fnr_is_valid('20036914701'),
       bosetting.fnr_invalid_reason('20036914701'), bosetting.birth_date('20036914700'::bosetting.fnr);
SELECT 'dufnr', '201017238203'::bosetting.dufnr, bosetting.dufnr_is_valid('201012345678'),
       bosetting.dufnr_invalid_reason('201012345678');
SELECT 'kommunenr', '0301'::bosetting.kommunenr, bosetting.fylkenr('5001'::bosetting.kommunenr),
       bosetting.kommunenr_invalid_reason('0000');
-- binary send/receive
SELECT 'send', bosetting.fnr_send('20036914700'), bosetting.kommunenr_send('0301');
-- src/bosetting.c
SELECT 'restoring', bosetting.restoring();
-- src/alloc/apportion_glue.c
SELECT 'apportion', bosetting.apportion(ARRAY[5, 3, 2]::numeric[], 7);
-- src/match/assign_glue.c and match_glue.c
SELECT 'solve', item, bin FROM bosetting.solve_assignment(ARRAY[[1], [1]], ARRAY[[1], [1]],
       ARRAY[[1.0, 2.0], [3.0, 1.0]]::float8[]) ORDER BY item;
SELECT 'fit_counts', bosetting.fit_counts(ARRAY[[1, 0], [2, 1]], ARRAY[[1, 1], [2, 0]]);
-- src/cost/grants_glue.c
SELECT 'cross_section', * FROM bosetting.grant_cross_section(2024, 'voksen');
-- src/capacity/capacity_glue.c: the triggers fired while the register was
-- filled; their counters agree with the rows
SELECT 'verify_capacity', count(*) FROM bosetting.verify_capacity();
SELECT 'remaining', md5(string_agg(r::text, '|' ORDER BY r::text)) FROM bosetting.remaining_capacity(2024) r;
