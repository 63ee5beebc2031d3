#!/usr/bin/env bash
# 30_apportion: apportion() in C against the same method (Sainte-Laguë)
# written in PL/pgSQL, in one run: 1 million units, and the 357
# municipalities of 2024 (real population, 37 000 persons).  Prints times
# and ratios.  Goal (DESIGN.md): 1 M units in under a second.
set -euo pipefail
createdb bench_apportion
export PGDATABASE=bench_apportion
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION bosetting;
-- Sainte-Laguë in PL/pgSQL, O(n log n): round w/D with D = W/H, then give
-- (or take) the missing units by the highest next (lowest last) quotient,
-- lower index first on ties; exact numeric throughout.
CREATE FUNCTION plpgsql_sainte_lague(w numeric[], h int) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	tw numeric := (SELECT sum(x) FROM unnest(w) x);
	a int[];
	s bigint;
BEGIN
	SELECT array_agg(floor(x * h / tw + 0.5)::int ORDER BY i) INTO a
	FROM unnest(w) WITH ORDINALITY AS t(x, i);
	SELECT sum(x) INTO s FROM unnest(a) x;
	IF s < h THEN
		SELECT array_agg(t.ta + CASE WHEN p.ui IS NOT NULL THEN 1 ELSE 0 END ORDER BY t.ti) INTO a
		FROM unnest(w, a) WITH ORDINALITY AS t(tx, ta, ti)
		LEFT JOIN (SELECT ui FROM unnest(w, a) WITH ORDINALITY AS u(ux, ua, ui)
		           ORDER BY ux / (2 * ua + 1) DESC, ui LIMIT h - s) p ON p.ui = t.ti;
	ELSIF s > h THEN
		SELECT array_agg(t.ta - CASE WHEN p.ui IS NOT NULL THEN 1 ELSE 0 END ORDER BY t.ti) INTO a
		FROM unnest(w, a) WITH ORDINALITY AS t(tx, ta, ti)
		LEFT JOIN (SELECT ui FROM unnest(w, a) WITH ORDINALITY AS u(ux, ua, ui) WHERE ua > 0
		           ORDER BY ux / (2 * ua - 1), ui DESC LIMIT s - h) p ON p.ui = t.ti;
	END IF;
	RETURN a;
END $$;
CREATE TABLE units AS
SELECT array_agg(round((random() * 100000 + 1)::numeric, 2)) AS w FROM generate_series(1, 1000000);
CREATE TEMP TABLE pop (kommunenr text, population_date text, population numeric, source text);
\copy pop FROM PROGRAM 'cat "$BOSETTING_DATA/municipality_population.csv"' WITH (FORMAT csv, HEADER)
CREATE TABLE munis AS SELECT array_agg(population ORDER BY kommunenr) AS w FROM pop WHERE population_date = '2024-01-01';
SQL

psql -X -q -v ON_ERROR_STOP=1 -t -A <<'SQL'
\set QUIET on
DO $$
DECLARE
	w numeric[]; m numeric[]; r1 int[]; r2 int[];
	t0 timestamptz; c_1m float8; p_1m float8; c_357 float8; p_357 float8; i int; reps int := 200;
BEGIN
	SELECT units.w INTO w FROM units;
	SELECT munis.w INTO m FROM munis;
	PERFORM bosetting.apportion(w[1:1000], 1000);   -- warm up
	t0 := clock_timestamp();
	r1 := bosetting.apportion(w, 1000000, 'sainte_lague');
	c_1m := extract(epoch FROM clock_timestamp() - t0);
	t0 := clock_timestamp();
	r2 := plpgsql_sainte_lague(w, 1000000);
	p_1m := extract(epoch FROM clock_timestamp() - t0);
	RAISE NOTICE '1 000 000 units, total 1 000 000, sainte_lague: C % s, PL/pgSQL % s, ratio %x, same answer: %',
		round(c_1m::numeric, 3), round(p_1m::numeric, 3), round((p_1m / c_1m)::numeric, 1), r1 = r2;
	t0 := clock_timestamp();
	r1 := bosetting.apportion(w, 1000000, 'hamilton');
	RAISE NOTICE '1 000 000 units, hamilton: C % s', round(extract(epoch FROM clock_timestamp() - t0), 3);
	t0 := clock_timestamp();
	r1 := bosetting.apportion(w, 1000000, 'huntington_hill');
	RAISE NOTICE '1 000 000 units, huntington_hill: C % s', round(extract(epoch FROM clock_timestamp() - t0), 3);
	t0 := clock_timestamp();
	FOR i IN 1 .. reps LOOP r1 := bosetting.apportion(m, 37000, 'sainte_lague'); END LOOP;
	c_357 := extract(epoch FROM clock_timestamp() - t0) / reps;
	t0 := clock_timestamp();
	FOR i IN 1 .. reps LOOP r2 := plpgsql_sainte_lague(m, 37000); END LOOP;
	p_357 := extract(epoch FROM clock_timestamp() - t0) / reps;
	RAISE NOTICE '357 municipalities, 37 000 persons: C % ms, PL/pgSQL % ms per call, ratio %x, same answer: %',
		round((c_357 * 1000)::numeric, 3), round((p_357 * 1000)::numeric, 3), round((p_357 / c_357)::numeric, 1), r1 = r2;
END $$;
SQL
