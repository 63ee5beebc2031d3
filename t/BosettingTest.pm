# BosettingTest.pm: what the TAP tests (t/*.pl) share: a PostgreSQL::Test::Cluster
# node that loads bosetting (from $BOSETTING_STAGE when make test staged it,
# else from the installed files), psql runs that stop on the first error, the
# register filled with the real data, and a fingerprint of every table.
package BosettingTest;

use strict;
use warnings;
use Exporter 'import';
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

our @EXPORT = qw(current_version bosetting_node psql_ok psql_value fill_register register_columns register_fingerprint);

# current_version(): default_version of bosetting.control.
sub current_version
{
	my ($v) = PostgreSQL::Test::Utils::slurp_file('bosetting.control') =~ /^default_version = '(.*)'/m;
	return $v;
}

# bosetting_node(NAME, INIT-PARAMS...): an initialised node (not started).
sub bosetting_node
{
	my ($name, %params) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init(%params);
	$node->append_conf('postgresql.conf', "extension_destdir = '$ENV{BOSETTING_STAGE}'")
	  if $ENV{BOSETTING_STAGE};
	$node->append_conf('postgresql.conf', "max_prepared_transactions = 10\n");
	return $node;
}

# psql_ok(NODE, DB, SQL-or-{file => F}, TEST-NAME): runs with ON_ERROR_STOP.
sub psql_ok
{
	my ($node, $db, $sql, $name) = @_;
	my @src = ref $sql ? ('-f', $sql->{file}) : ('-c', $sql);
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run(
		[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($db), @src ],
		'>', \$out, '2>', \$err);
	ok($ok, $name) or diag($err);
	return $out;
}

# psql_value(NODE, DB, SQL): the result, trimmed; dies on an error.
sub psql_value
{
	my ($node, $db, $sql) = @_;
	my ($ret, $out, $err) = $node->psql($db, $sql, on_error_stop => 1);
	die "psql failed on $sql: $err" if $ret;
	return $out;
}

# fill_register(NODE, DB, YEAR): the real register (sql/include/register_load.psql),
# a synthetic population of YEAR, 60 households booked in Oslo (some accepted,
# so settlement_history has rows) and an administrator's own grant rate.
sub fill_register
{
	my ($node, $db, $year) = @_;
	psql_ok($node, $db, { file => 'sql/include/register_load.psql' }, "$db: the real register loaded");
	psql_ok($node, $db, <<"SQL", "$db: a population of $year, 60 households booked, a user grant rate");
SELECT * FROM bosetting.generate_population($year, 200, 11);
INSERT INTO bosetting.capacity (year, kommunenr, dimension, amount)
SELECT DISTINCT $year, '0301', dimension, 1000 FROM bosetting.household_need;
INSERT INTO bosetting.settlement (household_id, year, kommunenr)
SELECT household_id, $year, '0301' FROM bosetting.household WHERE year = $year ORDER BY household_id LIMIT 60;
UPDATE bosetting.settlement SET status = 'accepted' WHERE household_id % 3 = 0;
SELECT * FROM bosetting.load_grant_rates('[{"budget_year": 2025, "scheme": "eldretilskudd",
  "component": "one_time", "category": "eldre_60pluss", "amount_nok": 180000,
  "unit": "per_person_one_time", "source": "an administrator''s own row"}]', allow_incomplete => true);
SQL
	return;
}

# register_columns(NODE, DB): {table => "col, col, ..."} for every table of
# the extension (the derived counters too), in column order.
sub register_columns
{
	my ($node, $db) = @_;
	my %cols = map { split /\t/ } split /\n/, psql_value($node, $db, q{
		SELECT c.relname || E'\t' || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
		FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE c.relnamespace = 'bosetting'::regnamespace AND c.relkind = 'r' GROUP BY c.relname});
	return \%cols;
}

# register_fingerprint(NODE, DB, COLUMNS[, DUMPED]): "table count md5" per
# table of COLUMNS (from register_columns, so that an updated install, whose
# tables may have new columns at the end, is compared on the columns it had).
# DUMPED: only the rows pg_dump saves (the extension's config filter).
sub register_fingerprint
{
	my ($node, $db, $cols, $dumped, $except) = @_;
	my %filter;
	if ($dumped)
	{
		%filter = map { split /\t/ } split /\n/, psql_value($node, $db, q{
			SELECT c.relname || E'\t' || t.cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) t(oid, cond)
			JOIN pg_class c ON c.oid = t.oid WHERE e.extname = 'bosetting' AND t.cond <> ''});
	}
	my @lines;
	for my $t (sort keys %$cols)
	{
		my $where = $filter{$t} // '';
		$where = ($where ? "$where AND " : 'WHERE ') . "NOT ($except->{$t})" if $except && $except->{$t};
		push @lines, "$t " . psql_value($node, $db,
			"SELECT count(*) || ' ' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '')
			 FROM (SELECT ROW($cols->{$t}) AS r FROM bosetting.$t $where) x");
	}
	return join("\n", @lines) . "\n";
}

1;
