# 040_dump.pl: a dump taken on 0.1 restores into a database where the current
# version is installed, by the documented procedure (PGOPTIONS with
# bosetting.restoring and, since 0.1 dumps load decision before municipality,
# session_replication_role = replica; then capacity_rebuild()): every row
# back, the checks enforced afterwards
# (issue 11, item 4; the round trips of the current version in custom and plain
# format are test/oracle/dump_restore.sh).
use strict;
use warnings;
use PostgreSQL::Test::Utils;
use Test::More;
use lib 't';
use BosettingTest;

my $node = bosetting_node('dump');
$node->start;
my $current = current_version();
$node->safe_psql('postgres', 'CREATE DATABASE old');
$node->safe_psql('old', "CREATE EXTENSION bosetting VERSION '0.1'");
fill_register($node, 'old', 2024);
my $cols = register_columns($node, 'old');
my $before = register_fingerprint($node, 'old', $cols, 1);

my $dir = PostgreSQL::Test::Utils::tempdir;
for my $format (qw(custom plain))
{
	my $db = "new_$format";
	my $file = "$dir/old.$format";
	$node->command_ok([ 'pg_dump', $format eq 'custom' ? '-Fc' : '-Fp', '-f', $file, $node->connstr('old') ],
		"pg_dump ($format) of the 0.1 database");
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	local $ENV{PGOPTIONS} = '-c bosetting.restoring=on -c session_replication_role=replica';
	$node->command_ok(
		$format eq 'custom'
		? [ 'pg_restore', '--exit-on-error', '-d', $node->connstr($db), $file ]
		: [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($db), '-f', $file ],
		"$format restore into a new database: CREATE EXTENSION installs $current");
	delete $ENV{PGOPTIONS};
	$node->safe_psql($db, 'SELECT bosetting.capacity_rebuild()');
	is($node->safe_psql($db, "SELECT extversion FROM pg_extension WHERE extname = 'bosetting'"), $current,
		"$format: the restored database runs $current");
	# The derived counters come from capacity_rebuild(), built-in rows from
	# CREATE EXTENSION (their edits, such as load_counties' counts, are not in dumps).
	is(register_fingerprint($node, $db, $cols, 1), $before, "$format: every row pg_dump saves, and the counters, as on 0.1");
	is($node->safe_psql($db, 'SELECT count(*) FROM bosetting.verify_capacity()'), '0',
		"$format: verify_capacity() is empty");
	is($node->safe_psql($db, 'SELECT count(*) FROM bosetting.municipality m WHERE NOT EXISTS
		(SELECT FROM bosetting.kommunenr_code c WHERE c.kommunenr OPERATOR(bosetting.=) m.kommunenr)'), '0',
		"$format: every municipality code is in kommunenr_code");
	my ($ret, $out, $err) = $node->psql($db,
		"UPDATE bosetting.decision SET decided = 1 WHERE year = 2024 AND kommunenr OPERATOR(bosetting.=) '0301'");
	like($err, qr/already booked/, "$format: the capacity checks are enforced after the restore");
}
$node->stop;
done_testing();
