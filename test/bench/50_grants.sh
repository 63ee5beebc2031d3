#!/usr/bin/env bash
# 50_grants: grant_projection for 1 million synthetic settled persons against
# the same computation written as plain SQL joins over grant_rate, in one run
# on one database.  Both read the same view (grant_settled_person); the
# totals must be identical.  Prints the time ratio (goal: >= 1, i.e. the
# extension is no slower than plain SQL).  PERSONS=... to change the size.
set -euo pipefail
PERSONS=${PERSONS:-1000000}
HOUSEHOLDS=$((PERSONS * 2 / 5))
createdb bench_grants
export PGDATABASE=bench_grants
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -c 'CREATE EXTENSION bosetting'

echo "== generating $PERSONS synthetic settled persons in $HOUSEHOLDS households (2015-2024)"
psql <<SQL
SET search_path = bosetting, public;
-- bulk load: the register's triggers (municipality validity, history) are
-- not what is measured here
SET session_replication_role = replica;
INSERT INTO household (year, note)
SELECT 2015 + g % 10, 'bench' FROM generate_series(1, $HOUSEHOLDS) g;
-- persons 1..H head a household each; the rest join the first H/2 households,
-- so the other half are single-person households (single adults or EM)
INSERT INTO person (household_id, dufnr, birth_date, legal_sex, category, unaccompanied_minor)
SELECT hh, synthetic_dufnr(2000 + n / 900000, n % 900000 + 1),
       make_date(y, 7, 1) - (CASE WHEN em THEN 12 * 365 + r % (6 * 365) ELSE r % (80 * 365) END),
       CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END, 'asylum', em
  FROM (SELECT n, hh, (2015 + hh % 10)::int AS y,
               ((n::int8 * 2654435761) % 1000003 * 31 % 29200)::int AS r,
               hh > $HOUSEHOLDS / 2 AND hh % 25 = 0 AND n <= $HOUSEHOLDS AS em
          FROM (SELECT n, CASE WHEN n <= $HOUSEHOLDS THEN n ELSE (n::int8 * 7919) % ($HOUSEHOLDS / 2) + 1 END AS hh
                  FROM generate_series(1, $PERSONS) n) a) b;
INSERT INTO settlement (household_id, year, kommunenr, status, settled_on)
SELECT h.household_id, h.year, ('46' || lpad((1 + h.household_id % 60)::text, 2, '0'))::kommunenr,
       'settled', make_date(h.year, 1 + (h.household_id % 12)::int, 1 + (h.household_id % 28)::int)
  FROM household h;
RESET session_replication_role;
ANALYZE household; ANALYZE person; ANALYZE settlement;
SQL

cat > "$BOSETTING_WORK/ext.sql" <<'SQL'
SELECT sum(persons) AS grant_lines, sum(amount)::numeric(20,2) AS total
  FROM bosetting.grant_projection(2024, 2028) WHERE source = 'settled';
SQL
cat > "$BOSETTING_WORK/plain.sql" <<'SQL'
-- the same rules as plain SQL: integreringstilskudd år 1-5 at the år-k rate
-- of budget year settlement year + k - 1, the one-time grants for the
-- elderly and small children in år 1, the EM grant to the year of 20 in age
-- bands (falling back to the single rate for all ages); every rate carried
-- forward from the nearest earlier published year
WITH years AS (SELECT y FROM generate_series(2024, 2028) y),
resolved AS (
    SELECT DISTINCT ON (y.y, r.scheme, r.component, r.category)
           y.y AS budget_year, r.scheme, r.component, r.category, r.amount
      FROM years y JOIN bosetting.grant_rate r ON r.budget_year <= y.y
     ORDER BY y.y, r.scheme, r.component, r.category, r.budget_year DESC),
em_rates AS (
    SELECT DISTINCT ON (y.y, b.band) y.y AS budget_year, b.band, r.amount
      FROM years y CROSS JOIN (VALUES ('em_0_16'), ('em_17_20')) AS b(band)
      JOIN bosetting.grant_rate r ON r.scheme = 'em_tilskudd' AND r.budget_year <= y.y
                                 AND r.category IN (b.band, 'enslig_mindrearig')
     ORDER BY y.y, b.band, r.budget_year DESC, (r.category = b.band) DESC),
p AS (
    SELECT sp.kommunenr, sp.settle_year, sp.birth_year, sp.unaccompanied_minor AS em, sp.elderly, sp.small_child,
           CASE WHEN sp.unaccompanied_minor THEN 'enslig_mindrearig'
                WHEN sp.settle_year - sp.birth_year >= 18 THEN CASE WHEN sp.alone THEN 'enslig_voksen' ELSE 'voksen' END
                ELSE 'barn' END AS cat
      FROM bosetting.grant_settled_person sp
     WHERE sp.settle_year BETWEEN 2024 - 21 AND 2028),
lines AS (
    SELECT p.kommunenr, y.y, r.amount
      FROM p JOIN years y ON y.y BETWEEN p.settle_year AND p.settle_year + 4
      JOIN resolved r ON r.budget_year = y.y AND r.scheme = 'integreringstilskudd'
                     AND r.component = 'year' || (y.y - p.settle_year + 1)
                     AND r.category = CASE WHEN y.y = p.settle_year THEN p.cat ELSE 'alle' END
    UNION ALL
    SELECT p.kommunenr, p.settle_year, r.amount
      FROM p JOIN resolved r ON r.budget_year = p.settle_year AND r.scheme = 'eldretilskudd'
     WHERE p.elderly AND p.cat <> 'barn'
    UNION ALL
    SELECT p.kommunenr, p.settle_year, r.amount
      FROM p JOIN resolved r ON r.budget_year = p.settle_year AND r.scheme = 'barnehagetilskudd'
     WHERE p.small_child
    UNION ALL
    SELECT p.kommunenr, y.y, r.amount
      FROM p JOIN years y ON y.y BETWEEN p.settle_year AND p.birth_year + 20
      JOIN em_rates r ON r.budget_year = y.y
                     AND r.band = CASE WHEN y.y - p.birth_year <= 16 THEN 'em_0_16' ELSE 'em_17_20' END
     WHERE p.em)
SELECT count(*) AS grant_lines, sum(amount)::numeric(20,2) AS total FROM lines;
SQL

run() {   # run FILE: best of 2 runs in ms; the result goes to FILE.out
	local best=0 t0 t1 ms
	for _ in 1 2; do
		t0=$(date +%s%N)
		psql -A -t -F ' ' -f "$1" > "$1.out"
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ "$best" -eq 0 ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}
echo "== timing (best of 2)"
ext_ms=$(run "$BOSETTING_WORK/ext.sql")
sql_ms=$(run "$BOSETTING_WORK/plain.sql")
echo "grant_projection (C rule engine): $ext_ms ms   -> $(cat "$BOSETTING_WORK/ext.sql.out")"
echo "plain SQL joins:                  $sql_ms ms   -> $(cat "$BOSETTING_WORK/plain.sql.out")"
if [ "$(cat "$BOSETTING_WORK/ext.sql.out")" = "$(cat "$BOSETTING_WORK/plain.sql.out")" ]; then
	echo "totals: identical"
else
	echo "totals: DIFFER"
	exit 1
fi
awk -v a="$sql_ms" -v b="$ext_ms" 'BEGIN { printf "ratio plain SQL / grant_projection = %.2f (goal >= 1)\n", a / b }'
