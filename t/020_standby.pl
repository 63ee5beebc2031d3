# 020_standby.pl: on a streaming hot standby every read-only function and view
# of bosetting answers as on the primary; writing functions fail with
# PostgreSQL's read-only error (25006: in a read-only transaction, or during
# recovery for LOCK TABLE), not an obscure one (issue 11, item 4).
use strict;
use warnings;
use PostgreSQL::Test::Utils;
use Test::More;
use lib 't';
use BosettingTest;

my $primary = bosetting_node('primary', allows_streaming => 1);
$primary->start;
$primary->safe_psql('postgres', 'CREATE DATABASE reg');
$primary->safe_psql('reg', 'CREATE EXTENSION bosetting');
fill_register($primary, 'reg', 2024);
# request_plan's model 'no' weighs by population: the register's own counts.
$primary->safe_psql('reg', q{
	INSERT INTO bosetting.indicator (year, kommunenr, name, value, source)
	SELECT 2024, kommunenr, 'population', population, 'municipality.population' FROM bosetting.municipality
	WHERE population IS NOT NULL AND valid_from <= '2024-01-01' AND (valid_to IS NULL OR valid_to >= '2024-01-01')});
$primary->backup('base');
# (the backup carries the primary's postgresql.conf, extension_destdir included)
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'base', has_streaming => 1);
$standby->start;
$primary->safe_psql('reg', "UPDATE bosetting.settlement SET status = 'settled' WHERE household_id % 5 = 0");
$primary->wait_for_catchup($standby);
is($standby->safe_psql('reg', 'SELECT pg_is_in_recovery()'), 't', 'the standby is in recovery');

# Every read-only entry point, with arguments the filled register answers.
my %read = (
	remaining_capacity => 'SELECT * FROM bosetting.remaining_capacity(2024) ORDER BY 1, 2',
	verify_capacity => 'SELECT * FROM bosetting.verify_capacity()',
	match_households => q{SELECT * FROM bosetting.match_households(2024, '{"seed": 1}') ORDER BY 1},
	apportion => q{SELECT bosetting.apportion(ARRAY[5, 3, 2]::numeric[], 7, 'dhondt')},
	request_plan => q{SELECT * FROM bosetting.request_plan(2024, 5000, 'no') ORDER BY 1},
	grant_schedule => q{SELECT * FROM bosetting.grant_schedule('1990-05-01', '2020-03-01', true, false)},
	grant_rate_at => q{SELECT r.*, g.* FROM (SELECT DISTINCT scheme, component, category FROM bosetting.grant_rate
	                   WHERE budget_year = 2024) r, bosetting.grant_rate_at(2024, r.scheme, r.component, r.category) g
	                   ORDER BY 1, 2, 3},
	grant_cross_section => q{SELECT * FROM bosetting.grant_cross_section(2024, 'voksen')},
	municipality_grants => 'SELECT * FROM bosetting.municipality_grants(2024) ORDER BY 1',
	kommunenr_successors => q{SELECT * FROM bosetting.kommunenr_successors('1201', '2024-01-01')},
	identifiers => q{SELECT bosetting.fnr_is_valid('20036914700'), bosetting.fnr_invalid_reason('20036914701'),
	                        bosetting.dufnr_is_valid('201017238203'), bosetting.fylkenr('0301'::bosetting.kommunenr),
	                        bosetting.birth_date('20036914700'::bosetting.fnr)},
	grant_settled_person => 'SELECT * FROM bosetting.grant_settled_person ORDER BY 1, 2',
	tables => 'SELECT count(*), sum(decided) FROM bosetting.decision');
for my $name (sort keys %read)
{
	my ($pret, $pout, $perr) = $primary->psql('reg', $read{$name});
	my ($sret, $sout, $serr) = $standby->psql('reg', $read{$name});
	ok($pret == 0 && $sret == 0 && $pout eq $sout,
		"$name answers on the standby as on the primary (" . scalar(split /\n/, $pout) . ' rows)')
	  or diag("primary: $perr\nstandby: $serr");
}

# Writing functions fail with the read-only error.
my %write = (
	booking => q{INSERT INTO bosetting.settlement (household_id, year, kommunenr) VALUES (1, 2024, '0301')},
	capacity_rebuild => 'SELECT bosetting.capacity_rebuild()',
	generate_population => 'SELECT * FROM bosetting.generate_population(2025, 10, 1)',
	propose_matches => q{SELECT * FROM bosetting.propose_matches(2024)},
	load_grant_rates => q{SELECT * FROM bosetting.load_grant_rates('[{"budget_year": 2026, "scheme": "eldretilskudd",
	  "component": "one_time", "category": "eldre_60pluss", "amount_nok": 180000,
	  "unit": "per_person_one_time", "source": "test"}]', allow_incomplete => true)});
for my $name (sort keys %write)
{
	my ($ret, $out, $err) = $standby->psql('reg', $write{$name}, extra_params => [ '-v', 'VERBOSITY=verbose' ]);
	like($err, qr/25006: cannot execute .* (in a read-only transaction|during recovery)/,
		"$name fails on the standby with PostgreSQL's read-only error (25006)");
}

$standby->stop;
$primary->stop;
done_testing();
