# 010_upgrade.pl: a register filled under 0.1 survives ALTER EXTENSION UPDATE
# (issue 11, item 1): the current library serves the 0.1 SQL before the
# update, the updated catalog equals a fresh install's, every row is still
# there and the capacity counters agree with them.
use strict;
use warnings;
use PostgreSQL::Test::Utils;
use Test::More;
use lib 't';
use BosettingTest;
use Time::HiRes qw(time);

my $node = bosetting_node('upgrade');
$node->start;
my $current = current_version();
$node->safe_psql('postgres', 'CREATE DATABASE old; CREATE DATABASE fresh');
$node->safe_psql('old', "CREATE EXTENSION bosetting VERSION '0.1'");
$node->safe_psql('fresh', 'CREATE EXTENSION bosetting');

# The current library serves the 0.1 SQL: every C function that the 0.1 script
# names resolves to a symbol of the library ...
my $c_functions = q{
	SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
	  AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bosetting')
	WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c') ORDER BY 1};
is($node->safe_psql('old', "SELECT count(*) >= 40 FROM ($c_functions) f"), 't',
	'the 0.1 script names over 40 C functions');
my ($ret, $out, $err) = $node->psql('old', <<"SQL");
DO \$\$
DECLARE f pg_catalog.regprocedure; missing pg_catalog.text := '';
BEGIN
	FOR f IN $c_functions LOOP
		BEGIN
			PERFORM pg_catalog.fmgr_c_validator(f);
		EXCEPTION WHEN OTHERS THEN
			missing := missing || f::text || ' (' || SQLERRM || ') ';
		END;
	END LOOP;
	IF missing <> '' THEN RAISE EXCEPTION 'missing: %', missing; END IF;
END
\$\$;
SQL
is($err, '', 'every C function of the 0.1 script has its symbol in the current library');

# ... and the 0.1 SQL works with it: the register fills (loaders, synthetic
# population, capacity triggers, history, grant rates), and one call into each
# C file answers as a fresh install does.
fill_register($node, $_, 2024) for qw(old fresh);
my $probe_old = psql_ok($node, 'old', { file => 'test/upgrade/probe.sql' }, 'probe of the 0.1 SQL');
my $probe_fresh = psql_ok($node, 'fresh', { file => 'test/upgrade/probe.sql' }, "probe of a fresh $current");
is($probe_old, $probe_fresh, "the 0.1 SQL on the current library answers as a fresh $current install");
like($probe_old, qr/^verify_capacity\|0$/m, 'verify_capacity() is empty under 0.1');

# The update, in one transaction; the locks it holds until it commits.
my $cols = register_columns($node, 'old');
my $before = register_fingerprint($node, 'old', $cols);
my $t0 = time;
my $locks = $node->safe_psql('old', q{
	BEGIN;
	ALTER EXTENSION bosetting UPDATE;
	SELECT c.relname || ' ' || l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	WHERE l.pid = pg_backend_pid() AND c.relnamespace = 'bosetting'::regnamespace
	  AND c.relkind = 'r' ORDER BY 1;
	COMMIT;});
my $seconds = time - $t0;
note(sprintf('ALTER EXTENSION bosetting UPDATE took %.2f s on %s households', $seconds,
	$node->safe_psql('old', 'SELECT count(*) FROM bosetting.household')));
note("table locks held by the update until it commits:\n$locks");
is($node->safe_psql('old', "SELECT extversion FROM pg_extension WHERE extname = 'bosetting'"),
	$current, "the updated extension reports $current");

# (a) The catalog: every member object and its definition, as a fresh install.
my $cat_fresh = psql_ok($node, 'fresh', { file => 'test/upgrade/catalog.sql' }, 'catalog of the fresh install');
my $cat_old = psql_ok($node, 'old', { file => 'test/upgrade/catalog.sql' }, 'catalog of the updated install');
cmp_ok(scalar(() = $cat_fresh =~ / \| member \| /g), '>', 100, 'the catalog describes over 100 members');
is($cat_old, $cat_fresh, 'updated catalog = fresh catalog');

# (b) Every row is still there, the counters agree, and the SQL answers as before.
# The update adds the built-in rows that are new in 0.2 (the 2011 and 2012
# five-year totals and cost estimates); every other row is as it was.
my $added_in_02 = {
	grant_rate => 'builtin AND budget_year IN (2011, 2012)',
	cost_estimate => 'builtin AND year IN (2011, 2012)' };
is(register_fingerprint($node, 'old', $cols, 0, $added_in_02), $before,
	'every row of every table is still there after the update (' . scalar(keys %$cols) . ' tables)');
is($node->safe_psql('old', q{SELECT (SELECT count(*) FROM bosetting.grant_rate WHERE builtin AND budget_year IN (2011, 2012))
	|| ' ' || (SELECT count(*) FROM bosetting.cost_estimate WHERE builtin AND year IN (2011, 2012))}), '4 2',
	'the update adds the four 2011/2012 five-year totals and the two cost estimates');
is($node->safe_psql('old', 'SELECT count(*) FROM bosetting.verify_capacity()'), '0',
	'verify_capacity() is empty after the update');
is(psql_ok($node, 'old', { file => 'test/upgrade/probe.sql' }, 'probe after the update'), $probe_old,
	'the probe answers after the update as before');

# Checks are live after the update: a decision below what is booked is refused.
($ret, $out, $err) = $node->psql('old',
	"UPDATE bosetting.decision SET decided = 1 WHERE year = 2024 AND kommunenr OPERATOR(bosetting.=) '0301'");
like($err, qr/already booked/, 'the capacity checks are enforced after the update');

$node->stop;
done_testing();
