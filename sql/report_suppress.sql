-- report_suppress: suppress_cells(), small-cell suppression of a two-way
-- table with published totals.  The "cannot be recovered" property is proven
-- by test/unit/test_suppress.c (ranks) and test/oracle/suppress_audit (LP by
-- HiGHS); here: the SQL contract, examples and errors.
SET search_path = bosetting, public;

-- One small cell in a 2 x 2 table: hiding it alone would let anyone subtract
-- it from its row total, so the other three cells go too (secondary).
SELECT * FROM suppress_cells('{a,a,b,b}', '{x,y,x,y}', '{3,10,10,10}');
-- The same, primary suppression only (for comparison): the 3 is derivable.
SELECT row_key, col_key, published, reason
  FROM suppress_cells('{a,a,b,b}', '{x,y,x,y}', '{3,10,10,10}', 5, '{"secondary": false}')
 WHERE suppressed;

-- Totals of 1-4 are hidden too; 0 is published as 0 (an empty cell reveals
-- nothing about a person); missing cells count as 0.
SELECT * FROM suppress_cells('{Aremark,Halden,Halden}', '{asylum,asylum,resettlement}', '{3,40,25}');

-- IMDi's "total minus Ukraine" case: settled with collective protection and
-- the rest, per municipality of a county; the rest is 2 in Vadsø.
SELECT row_key AS kommune, col_key AS category, published, reason
  FROM suppress_cells('{Alta,Alta,Vadsø,Vadsø,Sør-Varanger,Sør-Varanger,Hammerfest,Hammerfest}',
                      '{collective_protection,other,collective_protection,other,collective_protection,other,collective_protection,other}',
                      '{61,12,40,2,55,9,33,7}')
 ORDER BY row_key = 'total', row_key, col_key = 'total', col_key;

-- A higher threshold hides more; threshold 1 hides nothing.
SELECT threshold, count(*) FILTER (WHERE reason = 'primary') AS primary_cells,
       count(*) FILTER (WHERE reason = 'secondary') AS secondary_cells
  FROM unnest(ARRAY[1, 5, 11]) threshold,
       LATERAL suppress_cells('{a,a,b,b,c,c}', '{x,y,x,y,x,y}', '{3,10,10,10,7,30}', threshold)
 GROUP BY threshold ORDER BY threshold;

-- Every hidden cell is positive and nothing outside 1-4 is primary.
SELECT count(*) FILTER (WHERE suppressed AND value = 0) AS hidden_zeros,
       count(*) FILTER (WHERE reason = 'primary' AND value NOT BETWEEN 1 AND 4) AS wrong_primary,
       count(*) FILTER (WHERE reason = 'primary') AS primary_cells,
       count(*) FILTER (WHERE reason = 'secondary') AS secondary_cells,
       count(*) AS cells_with_totals
  FROM suppress_cells(
         (SELECT array_agg('k' || i) FROM generate_series(1, 40) i, generate_series(1, 6) j),
         (SELECT array_agg('c' || j) FROM generate_series(1, 40) i, generate_series(1, 6) j),
         (SELECT array_agg((i * 7 + j * 13) % 23) FROM generate_series(1, 40) i, generate_series(1, 6) j));

-- Bad input: 22023 with the value named; too large: 54000.
\i sql/include/error_of.psql
SELECT left(q, 48) AS arguments, pg_temp.error_of('SELECT * FROM bosetting.suppress_cells(' || q || ')') AS error
  FROM unnest(ARRAY[
    $$'{a,b}', '{x}', '{1,2}'$$,
    $$'{a,a}', '{x,x}', '{1,2}'$$,
    $$'{a,total}', '{x,x}', '{1,2}'$$,
    $$'{a,NULL}', '{x,x}', '{1,2}'$$,
    $$'{a,b}', '{x,x}', '{1,-2}'$$,
    $$'{a,b}', '{x,x}', '{1,NULL}'$$,
    $$'{}', '{}', '{}'$$,
    $$'{a}', '{x}', '{1}', 0$$,
    $$'{a}', '{x}', '{1}', 5, '{"secundary": false}'$$,
    $$'{a}', '{x}', '{1}', 5, '{"secondary": "no"}'$$,
    $$'{a}', '{x}', '{1}', 5, '[]'$$,
    $$'{{a}}', '{{x}}', '{{1}}'$$,
    $$(SELECT array_agg('r' || i) FROM generate_series(1, 2000) i, generate_series(1, 600) j), (SELECT array_agg('c' || j) FROM generate_series(1, 2000) i, generate_series(1, 600) j), (SELECT array_agg(1) FROM generate_series(1, 2000) i, generate_series(1, 600) j)$$,
    $$'{a,b}', '{x,y}', '{2000000000,2000000000}'$$]) q;
-- NULL arguments: no rows (the function is strict).
SELECT count(*) AS rows_for_null FROM suppress_cells(NULL, '{x}', '{1}');
