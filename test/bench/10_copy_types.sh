#!/usr/bin/env bash
# 10_copy_types: COPY of 10 million identifiers into a typed column against
# the same digits into a bigint (smallint) column and into a text column
# checked by a PL/pgSQL function, in one run; prints the ratios.
# Goal (DESIGN.md): fnr within 1.3x of bigint, at least 10x faster than PL/pgSQL.
set -euo pipefail
ROWS=${ROWS:-10000000}
REPEAT=${REPEAT:-3}
export PGDATABASE=bench_copy
createdb "$PGDATABASE"
fnr_file=$BOSETTING_WORK/fnr.txt
knr_file=$BOSETTING_WORK/kommunenr.txt
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

q <<SQL
CREATE EXTENSION bosetting;
-- Valid numbers: dates 01-28, months 01-12, years 00-99, individnr 000-499
-- (1900s), K1 and K2 by the old rule; prefixes whose check digit would be 10
-- are skipped.
CREATE TEMP VIEW fnr_gen AS
WITH p AS (
    SELECT lpad((1 + i % 28)::text, 2, '0') || lpad((1 + (i / 28) % 12)::text, 2, '0')
           || lpad(((i / 336) % 100)::text, 2, '0') || lpad(((i * 7919 / 33600) % 500)::text, 3, '0') AS pre
    FROM generate_series(0, ($ROWS * 13 / 10)::bigint) AS i
), k1 AS (
    SELECT pre, (11 - (3*substr(pre,1,1)::int + 7*substr(pre,2,1)::int + 6*substr(pre,3,1)::int
        + 1*substr(pre,4,1)::int + 8*substr(pre,5,1)::int + 9*substr(pre,6,1)::int
        + 4*substr(pre,7,1)::int + 5*substr(pre,8,1)::int + 2*substr(pre,9,1)::int) % 11) % 11 AS k
    FROM p
), k2 AS (
    SELECT pre || k AS ten, (11 - (5*substr(pre,1,1)::int + 4*substr(pre,2,1)::int + 3*substr(pre,3,1)::int
        + 2*substr(pre,4,1)::int + 7*substr(pre,5,1)::int + 6*substr(pre,6,1)::int
        + 5*substr(pre,7,1)::int + 4*substr(pre,8,1)::int + 3*substr(pre,9,1)::int + 2*k) % 11) % 11 AS k
    FROM k1 WHERE k < 10
)
SELECT ten || k AS v FROM k2 WHERE k < 10 LIMIT $ROWS;
\copy (SELECT v FROM fnr_gen) TO '$fnr_file'
-- Municipality codes of 2024 and older eras, cycled.
\copy (SELECT lpad((c / 100 * 100 + 1 + i % 60)::text, 4, '0') FROM generate_series(1, $ROWS) AS i, LATERAL (SELECT (ARRAY[301,1101,1501,1801,3101,3201,3301,3401,3901,4001,4201,4601,5001,5501,5601,1601,1701,3001,3801,5401])[1 + i % 20] AS c) AS x) TO '$knr_file'

CREATE FUNCTION plpgsql_fnr_ok(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS \$\$
DECLARE
    d int[];
    s1 int := 0;
    s2 int := 0;
    w1 int[] := ARRAY[3,7,6,1,8,9,4,5,2];
    w2 int[] := ARRAY[5,4,3,2,7,6,5,4,3,2];
    mm int;
    dd int;
BEGIN
    IF v !~ '^[0-9]{11}\$' THEN RETURN false; END IF;
    d := string_to_array(v, NULL)::int[];
    FOR i IN 1..9 LOOP s1 := s1 + w1[i] * d[i]; END LOOP;
    IF (s1 + d[10]) % 11 > 3 THEN RETURN false; END IF;
    FOR i IN 1..10 LOOP s2 := s2 + w2[i] * d[i]; END LOOP;
    IF (s2 + d[11]) % 11 <> 0 THEN RETURN false; END IF;
    dd := (d[1] * 10 + d[2]) % 40;
    mm := (d[3] * 10 + d[4]) % 40;
    RETURN dd BETWEEN 1 AND 31 AND mm BETWEEN 1 AND 12;
END \$\$;
CREATE FUNCTION plpgsql_kommunenr_ok(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS \$\$
BEGIN
    RETURN v ~ '^[0-9]{4}\$' AND (substr(v, 1, 2)::int BETWEEN 1 AND 20
        OR substr(v, 1, 2)::int IN (30,31,32,33,34,38,39,40,42,46,50,54,55,56) OR v = '9999');
END \$\$;
CREATE TABLE t_fnr (v bosetting.fnr);
CREATE TABLE t_bigint (v bigint);
CREATE TABLE t_fnr_text (v text CHECK (plpgsql_fnr_ok(v)));
CREATE TABLE t_kommunenr (v bosetting.kommunenr);
CREATE TABLE t_smallint (v smallint);
CREATE TABLE t_kommunenr_text (v text CHECK (plpgsql_kommunenr_ok(v)));
SQL
echo "rows: $(wc -l < "$fnr_file") fnr, $(wc -l < "$knr_file") kommunenr; best of $REPEAT runs each"

# Best wall time of REPEAT server-side COPYs into TABLE from FILE, in seconds.
best() {
	local table=$1 file=$2 best="" t0 t1 t
	for _ in $(seq "$REPEAT"); do
		q -c "TRUNCATE $table" -c "CHECKPOINT"
		t0=$(date +%s.%N)
		q -c "COPY $table FROM '$file'"
		t1=$(date +%s.%N)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}

fnr=$(best t_fnr "$fnr_file")
bigint=$(best t_bigint "$fnr_file")
REPEAT=1 plfnr=$(best t_fnr_text "$fnr_file")
knr=$(best t_kommunenr "$knr_file")
smallint=$(best t_smallint "$knr_file")
REPEAT=1 plknr=$(best t_kommunenr_text "$knr_file")
[ "$(q -c 'SELECT count(*) FROM t_fnr')" = "$ROWS" ] || { echo "fnr rows lost" >&2; exit 1; }

printf '%-34s %8.2f s\n' "COPY into fnr" "$fnr" "COPY into bigint" "$bigint" \
	"COPY into text + PL/pgSQL check" "$plfnr" "COPY into kommunenr" "$knr" \
	"COPY into smallint" "$smallint" "COPY into text + PL/pgSQL check" "$plknr"
printf 'fnr / bigint             = %.2f  (goal <= 1.3)\n' "$(echo "$fnr / $bigint" | bc -l)"
printf 'PL/pgSQL check / fnr     = %.1f  (goal >= 10)\n' "$(echo "$plfnr / $fnr" | bc -l)"
printf 'kommunenr / smallint     = %.2f  (goal <= 1.3)\n' "$(echo "$knr / $smallint" | bc -l)"
printf 'PL/pgSQL check / kommunenr = %.1f  (goal >= 10)\n' "$(echo "$plknr / $knr" | bc -l)"
