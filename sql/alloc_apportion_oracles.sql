-- apportion() against published results, read at run time from
-- $BOSETTING_DATA/oracles (see oracles/README.md).
SET search_path = bosetting, public;

-- 1. Storting seats per valgdistrikt: pure Sainte-Laguë over
--    population + 1.8 × area, 169 seats; calculations of 2004, 2012, 2020, 2024.
CREATE TEMP TABLE fylke_seats (calculation_year int, elections text, valgdistrikt text,
	area_km2 numeric, population numeric, weight_pop_plus_1_8_area numeric,
	seats_total_incl_leveling int, seats_district_only int, official_seats_check text);
\copy fylke_seats FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/no_storting_fylke_seats.csv"' WITH (FORMAT csv, HEADER)

CREATE TEMP VIEW fylke_computed AS
SELECT calculation_year, valgdistrikt, seats_total_incl_leveling AS published,
       (apportion(array_agg(population + 1.8 * area_km2) OVER w, 169, 'sainte_lague'))[row_number() OVER w] AS computed,
       population + 1.8 * area_km2 = weight_pop_plus_1_8_area AS weight_as_published
FROM fylke_seats
WINDOW w AS (PARTITION BY calculation_year ORDER BY valgdistrikt
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);

SELECT calculation_year, count(*) AS districts,
       count(*) FILTER (WHERE computed = published) AS seats_match,
       bool_and(weight_as_published) AS weights_match, sum(computed) AS seats
FROM fylke_computed GROUP BY calculation_year ORDER BY 1;

-- Boundary (oracles/README.md): with the 2024 inputs, Sør-Trøndelag +1137
-- inhabitants takes a seat from Nordland; +1136 changes nothing.
SELECT extra,
       string_agg(valgdistrikt || ' ' || (seats - published)::text, ', ' ORDER BY valgdistrikt)
         FILTER (WHERE seats <> published) AS changes_from_published
FROM (
	SELECT extra, valgdistrikt, seats_total_incl_leveling AS published,
	       (apportion(array_agg(population + CASE WHEN valgdistrikt = 'Sør-Trøndelag' THEN extra ELSE 0 END
	                            + 1.8 * area_km2) OVER w, 169))[row_number() OVER w] AS seats
	FROM fylke_seats, (VALUES (1136), (1137)) AS e(extra)
	WHERE calculation_year = 2024
	WINDOW w AS (PARTITION BY extra ORDER BY valgdistrikt
	             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
) s GROUP BY extra ORDER BY extra;

-- 2. Party seats per district, Storting 2017, 2021, 2025: modified
--    Sainte-Laguë (first divisor 1.4) over the votes, with the district seats.
CREATE TEMP TABLE party_seats (election_year int, valgdistrikt text, party_code text,
	party_name text, votes numeric, district_seats int, leveling_seats int);
\copy party_seats FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/no_storting_party_district_seats_2017_2021_2025.csv"' WITH (FORMAT csv, HEADER)

CREATE TEMP VIEW district_computed AS
SELECT election_year, valgdistrikt,
       array_agg(district_seats ORDER BY party_code) AS published,
       apportion(array_agg(votes ORDER BY party_code), sum(district_seats)::int,
                 'modified_sainte_lague') AS computed
FROM party_seats GROUP BY election_year, valgdistrikt;

SELECT election_year, count(*) AS districts,
       count(*) FILTER (WHERE computed = published) AS districts_exact,
       sum((SELECT sum(x) FROM unnest(computed) x)) AS district_seats
FROM district_computed GROUP BY election_year ORDER BY 1;

SELECT count(*) AS district_results, count(*) FILTER (WHERE computed = published) AS exact
FROM district_computed;

-- Any mismatch would be listed here.
SELECT election_year, valgdistrikt, published, computed
FROM district_computed WHERE computed <> published;

-- 3. Textbook cases (en/de.wikipedia, proporz), with the exact tie
--    wiki_msl_8 and the Alabama paradox.
CREATE TEMP TABLE textbook (case_id text, method text, weights text, house_size int,
	expected_allocation text, notes text);
\copy textbook FROM PROGRAM 'cat "$BOSETTING_DATA/oracles/textbook_apportionment_cases.csv"' WITH (FORMAT csv, HEADER)

SELECT case_id, m.method,
       apportion(string_to_array(weights, ' ')::numeric[], house_size, m.method)
         = string_to_array(expected_allocation, ' ')::int[] AS reproduced
FROM textbook
JOIN (VALUES ('D''Hondt', 'dhondt'), ('Sainte-Lague', 'sainte_lague'),
             ('Modified Sainte-Lague 1.4', 'modified_sainte_lague'),
             ('Hamilton (Hare LR)', 'hamilton')) AS m(label, method)
  ON m.label = textbook.method
ORDER BY case_id;

SELECT count(*) AS textbook_cases FROM textbook;

-- Alabama paradox: Hamilton gives unit 3 fewer at house 11 than at 10; the
-- divisor methods never do (house monotonicity).
SELECT m AS method, apportion('{6,6,2}', 10, m) AS house_10, apportion('{6,6,2}', 11, m) AS house_11
FROM unnest(ARRAY['hamilton','dhondt','sainte_lague','huntington_hill','adams']) AS m;
