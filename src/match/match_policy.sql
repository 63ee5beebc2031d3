-- match_policy.sql: the options as_of and policy of match_households
-- (issue 15): who waits and which places are open on as_of, the demand
-- rows, the steady pace of policy balanced, the bid prices of policy
-- bid_price (the forecast LP of simulate_year, sim_bid_prices in
-- src/core/simulate.c) and the note of what a policy held back
-- (last_match_policy).  New in 0.2 as a whole: the upgrade runs this file as
-- it is.  doc/match.md, "Policies and as_of", describes the method.

-- The households waiting on as_of: of the year, with a permit on or before
-- as_of, not booked (a booking that is not withdrawn).  A household without
-- a permit date counts as waiting (as in 0.1: not dropped unseen).  as_of
-- NULL: every household of the year not booked (0.1's behaviour).
CREATE FUNCTION @extschema@._match_waiting(y pg_catalog.int4, as_of pg_catalog.date)
RETURNS TABLE(household_id pg_catalog.int8, permit_date pg_catalog.date,
              persons pg_catalog.int4, minors pg_catalog.int4)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.household_id, h.permit_date, coalesce(p.persons, 0)::int4, coalesce(p.minors, 0)::int4
      FROM @extschema@.household h
      LEFT JOIN (SELECT pp.household_id, count(*) AS persons,
                        count(*) FILTER (WHERE pp.unaccompanied_minor) AS minors
                   FROM @extschema@.person pp GROUP BY pp.household_id) p ON p.household_id = h.household_id
     WHERE h.year = y
       AND (as_of IS NULL OR h.permit_date IS NULL OR h.permit_date <= as_of)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.settlement s
                        WHERE s.household_id = h.household_id AND s.status <> 'withdrawn')
     ORDER BY h.household_id
$$;
COMMENT ON FUNCTION @extschema@._match_waiting(pg_catalog.int4, pg_catalog.date) IS
    'match_households helper: the households of a year waiting on as_of (permit on or before it or unknown, no booking that is not withdrawn; as_of NULL: every household of the year not booked) with permit date, persons and unaccompanied minors';

-- The demand rows of households: persons, unaccompanied minors, then the
-- need dimensions dims[3:] (household_need; missing = 0).
CREATE FUNCTION @extschema@._match_demand(ids pg_catalog.int8[], persons pg_catalog.int4[],
                                          minors pg_catalog.int4[], dims pg_catalog.text[])
RETURNS pg_catalog.int4[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_agg(ARRAY[x.p, x.mi]
                     || coalesce((SELECT array_agg(coalesce(hn.amount, 0) ORDER BY d.k)
                                    FROM unnest(dims[3:]) WITH ORDINALITY d(dim, k)
                                    LEFT JOIN @extschema@.household_need hn
                                           ON hn.household_id = x.id AND hn.dimension = d.dim), '{}')
                     ORDER BY x.i)
      FROM unnest(ids, persons, minors) WITH ORDINALITY x(id, p, mi, i)
$$;
COMMENT ON FUNCTION @extschema@._match_demand(pg_catalog.int8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.text[]) IS
    'match_households and simulate_year helper: the demand array (households × dims): persons, unaccompanied minors, then the household_need amount of each further dimension (0 where none); NULL for no households';

-- The places open to a matching: what remaining_capacity(y, as_of) leaves
-- (a schedule's places opened by as_of less the bookings; without as_of or
-- a schedule, all decided places less the bookings), and with pace_week
-- (policy balanced) at most ceil(decided × pace_week / 52) less the bookings:
-- the steady pace of the simulator's SIM_BALANCED.
CREATE FUNCTION @extschema@._match_open(y pg_catalog.int4, as_of pg_catalog.date, pace_week pg_catalog.int4)
RETURNS TABLE(kommunenr @extschema@.kommunenr, dimension pg_catalog.text, open pg_catalog.int8)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.kommunenr, r.dimension,
           CASE WHEN pace_week IS NULL THEN r.remaining
                ELSE least(r.remaining, greatest(ceil(f.decided * least(pace_week, 52) / 52.0)::int8 - f.booked, 0)) END
      FROM @extschema@.remaining_capacity(y, as_of) r
      JOIN @extschema@.remaining_capacity(y) f
        ON f.kommunenr OPERATOR(@extschema@.=) r.kommunenr AND f.dimension = r.dimension
$$;
COMMENT ON FUNCTION @extschema@._match_open(pg_catalog.int4, pg_catalog.date, pg_catalog.int4) IS
    'match_households helper: per municipality and dimension the places open to a matching on as_of (remaining_capacity(year, as_of)); with pace_week (policy balanced) at most ceil(decided × pace_week / 52) less what is booked';

-- The capacity array (bins × dims) of _match_open (unknown or missing = 0).
CREATE FUNCTION @extschema@._match_capacity(y pg_catalog.int4, as_of pg_catalog.date, pace_week pg_catalog.int4,
                                            bins @extschema@.kommunenr[], dims pg_catalog.text[])
RETURNS pg_catalog.int4[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_agg(x.row ORDER BY x.j) FROM (
        SELECT b.j, array_agg(least(greatest(coalesce(o.open, 0), 0), 2147483647)::int4 ORDER BY d.k) AS row
          FROM unnest(bins) WITH ORDINALITY b(k, j)
         CROSS JOIN unnest(dims) WITH ORDINALITY d(dim, k)
          LEFT JOIN @extschema@._match_open(y, as_of, pace_week) o
                 ON o.kommunenr OPERATOR(@extschema@.=) b.k AND o.dimension = d.dim
         GROUP BY b.j) x
$$;
COMMENT ON FUNCTION @extschema@._match_capacity(pg_catalog.int4, pg_catalog.date, pg_catalog.int4, @extschema@.kommunenr[], pg_catalog.text[]) IS
    'match_households helper: the capacity array (municipalities × dimensions) of the places open (_match_open), unknown or missing = 0';

-- The C part of the bid prices (src/match/simulate_glue.c).
CREATE FUNCTION @extschema@._match_bid_prices(n pg_catalog.int4, demand pg_catalog.int4[], capacity pg_catalog.int4[],
    base pg_catalog.float8[], bonus_item pg_catalog.int4[], bonus_bin pg_catalog.int4[], bonus pg_catalog.float8[],
    week pg_catalog.int4[], weight pg_catalog.float8[], arrived pg_catalog.int4, as_of_week pg_catalog.int4,
    iterations pg_catalog.int4,
    OUT prices pg_catalog.float8[], OUT priced pg_catalog.float8[], OUT margin pg_catalog.float8[])
RETURNS record
AS 'MODULE_PATHNAME', 'bosetting_match_bid_prices'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED COST 100000;
COMMENT ON FUNCTION @extschema@._match_bid_prices(pg_catalog.int4, pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
    'match_households helper (policy bid_price): the n waiting households and the forecast ones after them (demand, base, sparse bonuses, week 1-52, expected counts) over the open capacity; returns the price of a unit of each municipality''s capacity (municipalities × dimensions, the dual of the forecast LP as in simulate_year), the waiting households'' scores less the price of their places (NULL: forbidden, or held for later arrivals) and each one''s best margin (NULL: fits nowhere)';

-- Policy bid_price: the forecast of the rest of the year (the same as
-- simulate_year's, _simulate_forecast) and the prices over it.  What is still
-- to come: forecast_total (default: the households of the year in the
-- register) less those with a permit on or before as_of.  No later arrivals
-- expected (or the last week): no prices, the policy places as myopic.
CREATE FUNCTION @extschema@._match_bid_price(y pg_catalog.int4, o pg_catalog.jsonb, hh pg_catalog.int8[],
    bins @extschema@.kommunenr[], dims pg_catalog.text[], demand pg_catalog.int4[], capacity pg_catalog.int4[],
    base pg_catalog.float8[], bi pg_catalog.int4[], bj pg_catalog.int4[], bv pg_catalog.float8[],
    OUT prices pg_catalog.float8[], OUT priced pg_catalog.float8[], OUT margin pg_catalog.float8[],
    OUT note pg_catalog.jsonb)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    as_of date := (o ->> 'as_of')::date;
    wk int := least(greatest((as_of - make_date(y, 1, 1)) / 7, 0), 51) + 1;
    n int := cardinality(hh);
    year_total int;
    arrived int;
    total float8;
    later float8;
    fid int8[];
    fwk int4[];
    fpers int4[];
    fmins int4[];
    fw float8[];
    fbi int4[];
    fbj int4[];
    fbv float8[];
BEGIN
    SELECT count(*), count(*) FILTER (WHERE h.permit_date IS NULL OR h.permit_date <= as_of) INTO year_total, arrived
      FROM @extschema@.household h
     WHERE h.year = y AND EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.household_id = h.household_id);
    total := coalesce((o ->> 'forecast_total')::float8, year_total);
    SELECT coalesce(array_agg(coalesce(f.household_id, 0)), '{}'), coalesce(array_agg(f.week), '{}'),
           coalesce(array_agg(f.persons), '{}'), coalesce(array_agg(f.minors), '{}'),
           coalesce(array_agg(f.expected), '{}'), coalesce(sum(f.expected) FILTER (WHERE f.week > wk), 0)
      INTO fid, fwk, fpers, fmins, fw, later
      FROM @extschema@._simulate_forecast(y, o, year_total) f;
    note := jsonb_build_object('week', wk, 'arrived', arrived, 'forecast_total', total,
                               'forecast_households', cardinality(fw),
                               'expected_later', CASE WHEN later > 0 THEN greatest(total - arrived, 0) ELSE 0 END);
    IF wk = 52 OR later <= 0 OR total <= arrived THEN
        note := note || jsonb_build_object('myopic_fallback',
            CASE WHEN wk = 52 THEN 'the last week of the year: no later arrivals to hold places for'
                 ELSE 'the forecast expects no more arrivals this year' END);
        RETURN;
    END IF;
    SELECT coalesce(array_agg(b.i + n), '{}'), coalesce(array_agg(b.j), '{}'), coalesce(array_agg(b.v), '{}')
      INTO fbi, fbj, fbv FROM @extschema@._match_bonuses(fid, bins, o) b;
    SELECT r.prices, r.priced, r.margin INTO prices, priced, margin
      FROM @extschema@._match_bid_prices(n,
               demand || coalesce(@extschema@._match_demand(fid, fpers, fmins, dims), '{}'),
               capacity,
               base || coalesce((SELECT array_agg((o ->> 'placed')::float8 * p ORDER BY i)
                                   FROM unnest(fpers) WITH ORDINALITY x(p, i)), '{}'),
               bi || fbi, bj || fbj, bv || fbv,
               array_fill(wk, ARRAY[n]) || fwk, fw, arrived, wk,
               (o ->> 'price_iterations')::int4) r;
END;
$$;
COMMENT ON FUNCTION @extschema@._match_bid_price(pg_catalog.int4, pg_catalog.jsonb, pg_catalog.int8[], @extschema@.kommunenr[], pg_catalog.text[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[]) IS
    'match_households helper (policy bid_price): the forecast of the rest of the year (_simulate_forecast, as simulate_year) and the bid prices over it (_match_bid_prices); prices NULL when no later arrivals are expected or it is the last week (the policy then places as myopic), with the reason in note';

-- One solve: the bin of each item (NULL: unplaced).
CREATE FUNCTION @extschema@._match_solve(demand pg_catalog.int4[], capacity pg_catalog.int4[],
                                         score pg_catalog.float8[], options pg_catalog.jsonb)
RETURNS pg_catalog.int4[]
LANGUAGE sql VOLATILE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_agg(s.bin ORDER BY s.item) FROM @extschema@.solve_assignment(demand, capacity, score, options) s
$$;
COMMENT ON FUNCTION @extschema@._match_solve(pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[], pg_catalog.jsonb) IS
    'match_households helper: solve_assignment as an array of the bin of each item (NULL: unplaced)';

-- The total score of a solution: base plus the bonuses of the pairs chosen.
CREATE FUNCTION @extschema@._match_objective(sol pg_catalog.int4[], base pg_catalog.float8[],
    bi pg_catalog.int4[], bj pg_catalog.int4[], bv pg_catalog.float8[])
RETURNS pg_catalog.float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT sum(base[u.i]) FROM unnest(sol) WITH ORDINALITY u(j, i) WHERE u.j IS NOT NULL), 0)
         + coalesce((SELECT sum(b.v) FROM unnest(sol) WITH ORDINALITY u(j, i)
                       JOIN unnest(bi, bj, bv) b(i, j, v) ON b.i = u.i AND b.j = u.j), 0)
$$;
COMMENT ON FUNCTION @extschema@._match_objective(pg_catalog.int4[], pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[]) IS
    'match_households helper: the total score of a solution (bin per household, NULL = unplaced): the base scores of the households placed plus the bonuses of their pairs';

-- Households a policy held back: placed by the myopic solution of the same
-- households and places, not by the policy's.
CREATE FUNCTION @extschema@._match_held(policy pg_catalog.text, hh pg_catalog.int8[], sol pg_catalog.int4[],
    myopic_sol pg_catalog.int4[], margin pg_catalog.float8[])
RETURNS TABLE(household_id pg_catalog.int8, note pg_catalog.jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.id,
           jsonb_build_object('unplaced',
               CASE WHEN policy = 'balanced'
                    THEN 'held back to keep a steady pace (policy balanced): the places open this week went to others'
                    WHEN margin[u.i] <= 0
                    THEN 'held back for later arrivals (policy bid_price): the bid prices of the places it fits exceed its score'
                    ELSE 'held back (policy bid_price): under the bid prices its places went to households worth more' END,
               'held_back', true)
           || CASE WHEN policy = 'bid_price' THEN jsonb_build_object('bid_price_margin', round(margin[u.i]::numeric, 4))
                   ELSE '{}' END
      FROM unnest(hh, sol, myopic_sol) WITH ORDINALITY u(id, j, mj, i)
     WHERE u.j IS NULL AND u.mj IS NOT NULL
$$;
COMMENT ON FUNCTION @extschema@._match_held(pg_catalog.text, pg_catalog.int8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[]) IS
    'match_households helper: the households a policy (bid_price, balanced) held back, i.e. placed by the myopic solution but not by the policy''s, with the reason (and for bid_price the best score less price)';

-- What a policy held back and what it cost: the note of last_match_policy().
CREATE FUNCTION @extschema@._match_policy_summary(o pg_catalog.jsonb, bins @extschema@.kommunenr[],
    persons pg_catalog.int4[], capacity pg_catalog.int4[], sol pg_catalog.int4[], myopic_sol pg_catalog.int4[],
    objective pg_catalog.float8, myopic_objective pg_catalog.float8, prices pg_catalog.float8[])
RETURNS pg_catalog.jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    WITH per_bin AS (
        SELECT x.j, sum(x.p) FILTER (WHERE x.policy) AS used, sum(x.p) FILTER (WHERE NOT x.policy) AS myopic_used
          FROM (SELECT u.j, u.p, true AS policy FROM unnest(sol, persons) u(j, p)
                UNION ALL
                SELECT u.j, u.p, false FROM unnest(myopic_sol, persons) u(j, p)) x
         WHERE x.j IS NOT NULL GROUP BY x.j),
    use AS (
        SELECT b.j, b.k, coalesce(pb.used, 0) AS used, coalesce(pb.myopic_used, 0) AS myopic_used
          FROM unnest(bins) WITH ORDINALITY b(k, j) LEFT JOIN per_bin pb ON pb.j = b.j)
    SELECT jsonb_build_object(
               'policy', o ->> 'policy', 'as_of', o ->> 'as_of',
               'waiting', cardinality(sol),
               'placed', (SELECT count(*) FROM unnest(sol) j WHERE j IS NOT NULL),
               'objective', round(objective::numeric, 4),
               'myopic_placed', (SELECT count(*) FROM unnest(myopic_sol) j WHERE j IS NOT NULL),
               'myopic_objective', round(myopic_objective::numeric, 4),
               'loss', round((myopic_objective - objective)::numeric, 4),
               'held_households', (SELECT count(*) FROM unnest(sol, myopic_sol) x(j, mj) WHERE x.j IS NULL AND x.mj IS NOT NULL),
               'held_persons', (SELECT coalesce(sum(x.p), 0) FROM unnest(sol, myopic_sol, persons) x(j, mj, p)
                                 WHERE x.j IS NULL AND x.mj IS NOT NULL),
               'municipalities', coalesce((
                   SELECT jsonb_agg(jsonb_build_object('kommunenr', u.k::text, 'open_persons', capacity[u.j][1],
                                                       'used', u.used, 'myopic_used', u.myopic_used,
                                                       'price_per_person', round(prices[u.j][1]::numeric, 4))
                                    ORDER BY prices[u.j][1] DESC NULLS LAST, u.myopic_used - u.used DESC, u.k)
                     FROM use u
                    WHERE u.used <> u.myopic_used OR prices[u.j][1] > 0), '[]'))
$$;
COMMENT ON FUNCTION @extschema@._match_policy_summary(pg_catalog.jsonb, @extschema@.kommunenr[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8, pg_catalog.float8, pg_catalog.float8[]) IS
    'match_households helper: the note of last_match_policy(): households and objective of the policy and of the myopic solution of the same households and places, the loss (myopic less policy), the households and persons held back, and per municipality whose use differs or whose places are priced: the persons places open, used by each, and the bid price of a person place';

CREATE FUNCTION @extschema@._match_policy_note(note pg_catalog.jsonb)
RETURNS pg_catalog.void
AS 'MODULE_PATHNAME', 'bosetting_match_policy_note'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@._match_policy_note(pg_catalog.jsonb) IS
    'match_households helper: keeps the note of the last matching for last_match_policy() (session memory, so that it also works on a standby)';

CREATE FUNCTION @extschema@.last_match_policy()
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'bosetting_last_match_policy'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.last_match_policy() IS
    'the last match_households of this session: its policy and as_of, households waiting and placed, the objective against the myopic solution of the same households and places (loss = what the policy gave up today), households and persons held back, the bid-price forecast (week, arrived, expected_later, or why it fell back to myopic) and per municipality the person places open, used by the policy and by myopic, and the bid price of a person place; NULL before the first';
