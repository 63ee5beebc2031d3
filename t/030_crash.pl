# 030_crash.pl: clients book, move and withdraw settlements while the server
# is killed with SIGKILL at a random moment; after crash recovery the capacity
# counters agree with the rows (verify_capacity() is empty) and no
# municipality is over-booked.  Repeated (issue 11, item 4).
use strict;
use warnings;
use PostgreSQL::Test::Utils;
use Test::More;
use lib 't';
use BosettingTest;
use Time::HiRes qw(sleep);

my $rounds = $ENV{BOSETTING_CRASH_ROUNDS} || 3;
my $node = bosetting_node('crash');
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE reg');
$node->safe_psql('reg', 'CREATE EXTENSION bosetting');
fill_register($node, 'reg', 2024);
# Bookings go to municipalities with small decisions (up to 25), so that they run into the limits.
$node->safe_psql('reg', 'SELECT 1');

# One transaction: book a random household in a random municipality, move a
# booking, or withdraw one; a refused booking is an expected outcome.
my $script = "$PostgreSQL::Test::Utils::tmp_check/booking.sql";
PostgreSQL::Test::Utils::append_to_file($script, <<'SQL');
DO $$
DECLARE h pg_catalog.int8; k bosetting.kommunenr; r pg_catalog.float8 := pg_catalog.random();
BEGIN
    SELECT household_id INTO h FROM bosetting.household WHERE year = 2024 ORDER BY pg_catalog.random() LIMIT 1;
    SELECT kommunenr INTO k FROM bosetting.decision WHERE year = 2024 AND decided BETWEEN 1 AND 25 ORDER BY pg_catalog.random() LIMIT 1;
    IF r < 0.15 THEN
        UPDATE bosetting.settlement SET status = 'withdrawn' WHERE household_id = h AND status <> 'withdrawn';
    ELSIF r < 0.3 THEN
        UPDATE bosetting.settlement SET kommunenr = k WHERE household_id = h AND status <> 'withdrawn';
    ELSE
        INSERT INTO bosetting.settlement (household_id, year, kommunenr) VALUES (h, 2024, k);
    END IF;
EXCEPTION WHEN check_violation OR unique_violation OR foreign_key_violation
              OR serialization_failure OR deadlock_detected OR raise_exception THEN NULL;
END $$;
SQL

my $kills = 0;
my $start = $node->safe_psql('reg', 'SELECT count(*) FROM bosetting.settlement_history');
for my $round (1 .. $rounds)
{
	my $before = $node->safe_psql('reg', 'SELECT count(*) FROM bosetting.settlement_history');
	my ($out, $err) = ('', '');
	my $bench = IPC::Run::start(
		[ 'pgbench', '-n', '-c', '4', '-T', '60', '-f', $script, $node->connstr('reg') ],
		'>', \$out, '2>', \$err);
	sleep(2 + rand(3));
	my $pid = $node->{_pid};
	$node->kill9;
	$kills++;
	$bench->finish;
	# Where nothing reaps the killed postmaster (a container's PID 1), it stays
	# a zombie and its stale lock files would stop the restart.
	for (1 .. 50)
	{
		last unless -e "/proc/$pid";
		if (PostgreSQL::Test::Utils::slurp_file("/proc/$pid/stat") =~ /^\d+ \(.*\) Z/)
		{
			unlink($node->data_dir . '/postmaster.pid', $node->host . '/.s.PGSQL.' . $node->port . '.lock');
			last;
		}
		sleep(0.1);
	}
	$node->start;
	my $after = $node->safe_psql('reg', 'SELECT count(*) FROM bosetting.settlement_history');
	note("round $round: $before -> $after history rows");
	is($node->safe_psql('reg', 'SELECT count(*) FROM bosetting.verify_capacity()'), '0',
		"round $round: after crash recovery verify_capacity() is empty");
	is($node->safe_psql('reg', 'SELECT count(*) FROM bosetting.remaining_capacity(2024) WHERE remaining < 0'), '0',
		"round $round: no municipality is over-booked");
}
cmp_ok($node->safe_psql('reg', 'SELECT count(*) FROM bosetting.settlement_history'), '>', $start,
	"the clients changed settlements between the kills ($start history rows before)");
note("the server was killed $kills times");
$node->stop;
done_testing();
