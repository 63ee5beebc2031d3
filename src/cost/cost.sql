-- cost.sql: state grants for settled refugees (issue 7; research/grants.md):
-- the rate table with the published rates as built-in rows, the loader for a
-- new year of rates, the rule engine's SQL face (grant_schedule and friends),
-- grants per municipality, projections and cost coverage.

-- The catalogue of the rule engine (src/core/grants.c): schemes and the kinds
-- of rate that exist, with the years they apply to.
CREATE FUNCTION @extschema@.grant_schemes(
    OUT scheme pg_catalog.text, OUT first_year pg_catalog.int4, OUT last_year pg_catalog.int4,
    OUT used_by_rules pg_catalog.bool, OUT description pg_catalog.text, OUT source pg_catalog.text)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'grant_schemes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION @extschema@.grant_schemes() IS
    'the grant schemes the rule engine knows, with the years each was in force (NULL: no bound known) and its source';

CREATE FUNCTION @extschema@.grant_rate_kinds(
    OUT scheme pg_catalog.text, OUT component pg_catalog.text, OUT category pg_catalog.text,
    OUT unit pg_catalog.text, OUT first_year pg_catalog.int4, OUT last_year pg_catalog.int4,
    OUT required pg_catalog.bool)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'grant_rate_kinds_srf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 31;
COMMENT ON FUNCTION @extschema@.grant_rate_kinds() IS
    'every kind of rate (scheme, component, category, unit) with the budget years it applies to; required = a complete budget year needs it because the rules pay it';

CREATE FUNCTION @extschema@._grant_rate_problem(pg_catalog.int4, pg_catalog.text, pg_catalog.text,
    pg_catalog.text, pg_catalog.text) RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'grant_rate_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._grant_rate_problem(pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
    'internal: NULL when (budget_year, scheme, component, category, unit) is a known kind of rate for that year, else what is wrong';

CREATE TABLE @extschema@.grant_rate (
    budget_year  pg_catalog.int4 NOT NULL
        CONSTRAINT grant_rate_year_range CHECK (budget_year OPERATOR(pg_catalog.>=) 1900 AND budget_year OPERATOR(pg_catalog.<=) 2200),
    scheme       pg_catalog.text NOT NULL,
    component    pg_catalog.text NOT NULL,
    category     pg_catalog.text NOT NULL,
    amount       pg_catalog.numeric(12,2) NOT NULL
        CONSTRAINT grant_rate_amount_positive CHECK (amount OPERATOR(pg_catalog.>) 0),
    unit         pg_catalog.text NOT NULL,
    status       pg_catalog.text NOT NULL DEFAULT 'final'
        CONSTRAINT grant_rate_status_known CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['final', 'proposal'])),
    source       pg_catalog.text NOT NULL
        CONSTRAINT grant_rate_source_given CHECK (source OPERATOR(pg_catalog.<>) ''),
    builtin      pg_catalog.bool NOT NULL DEFAULT false,
    loaded_at    pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (budget_year, scheme, component, category),
    CONSTRAINT grant_rate_known_kind CHECK (@extschema@._grant_rate_problem(budget_year, scheme, component, category, unit) IS NULL)
);
COMMENT ON TABLE @extschema@.grant_rate IS
    'satser: published state grant rates per budget year (research/grants.md); the rates of grant_rates.csv ship as built-in rows, administrators add years with load_grant_rates()';
COMMENT ON COLUMN @extschema@.grant_rate.budget_year IS 'the state-budget year whose rate table the amount belongs to';
COMMENT ON COLUMN @extschema@.grant_rate.scheme IS 'grant scheme, e.g. integreringstilskudd, em_tilskudd (grant_schemes())';
COMMENT ON COLUMN @extschema@.grant_rate.component IS 'year1..year5 (år 1-5), sum_year1_5, per_year, one_time, tilskudd1, tilskudd2_max, ... (grant_rate_kinds())';
COMMENT ON COLUMN @extschema@.grant_rate.category IS 'who the rate is for: enslig_voksen, voksen, barn, enslig_mindrearig, em_0_16, em_17_20, alle, ... (grant_rate_kinds())';
COMMENT ON COLUMN @extschema@.grant_rate.amount IS 'NOK, exact (numeric, øre at most)';
COMMENT ON COLUMN @extschema@.grant_rate.unit IS 'per_person, per_person_one_time, per_person_per_year, per_person_5yr_sum, per_place, ...; fixed by the kind of rate';
COMMENT ON COLUMN @extschema@.grant_rate.status IS 'final (the rate in force) or proposal (the budget proposal figure, as reported when the budget was presented)';
COMMENT ON COLUMN @extschema@.grant_rate.source IS 'where the figure was read (URL or document)';
COMMENT ON COLUMN @extschema@.grant_rate.builtin IS 'true for the rates shipped with the extension and not edited; pg_dump keeps only the others (an edited built-in row becomes a user row)';
COMMENT ON COLUMN @extschema@.grant_rate.loaded_at IS 'when the row was added';

-- The published rates of shared/data/grant_rates.csv (research/grants.md;
-- status from its section 5).  Each row carries its source.
INSERT INTO @extschema@.grant_rate (budget_year, scheme, component, category, amount, unit, status, source, builtin)
SELECT v.y, v.s, v.c, v.k, v.a, v.u, v.st, v.src, true
FROM (VALUES
    (2011, 'integreringstilskudd', 'sum_year1_5', 'voksen', 581500, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
    (2011, 'integreringstilskudd', 'sum_year1_5', 'barn', 561500, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
    (2012, 'integreringstilskudd', 'sum_year1_5', 'voksen', 598000, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/'),
    (2012, 'integreringstilskudd', 'sum_year1_5', 'barn', 576500, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/'),
    (2014, 'integreringstilskudd', 'sum_year1_5', 'enslig_voksen', 717600, 'per_person_5yr_sum', 'final',
     'https://www.statsbudsjettet.no/Tilleggsproposisjon-2014/budsjettet-fra-A-til-A/Bosetting-av-flyktninger---integreringstilskudd/'),
    (2014, 'integreringstilskudd', 'sum_year1_5', 'voksen', 669600, 'per_person_5yr_sum', 'final',
     'https://www.statsbudsjettet.no/Tilleggsproposisjon-2014/budsjettet-fra-A-til-A/Bosetting-av-flyktninger---integreringstilskudd/'),
    (2014, 'integreringstilskudd', 'sum_year1_5', 'barn', 669600, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2015/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-2014/'),
    (2014, 'integreringstilskudd', 'sum_year1_5', 'enslig_mindrearig', 669600, 'per_person_5yr_sum', 'final',
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2015/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-2014/'),
    (2016, 'em_tilskudd', 'per_year', 'enslig_mindrearig', 207000, 'per_person_per_year', 'final',
     'https://www.imdi.no/tilskudd/tilskudd-2016/tilskudd-enslige-mindrearige/'),
    (2016, 'ekstratilskudd_em', 'one_time', 'enslig_mindrearig', 100000, 'per_person_one_time', 'final',
     'https://www.imdi.no/tilskudd/tilskudd-2016/tilskudd-enslige-mindrearige/'),
    (2016, 'ekstratilskudd_bosetting', 'one_time', 'utover_anmodning', 50000, 'per_person_one_time', 'final',
     'https://www.imdi.no/tilskudd/tilskudd-2016/ekstratilskudd-for-bosetting/'),
    (2016, 'em_barnevern_refusjon', 'egenandel', 'enslig_mindrearig', 17100, 'per_child_per_month', 'final',
     'https://www.regjeringen.no/no/dokumenter/satsar-for-kommunal-eigenbetaling-i-barneverntiltak-2016/id2929947/'),
    (2017, 'integreringstilskudd', 'year1', 'enslig_voksen', 235000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year1', 'voksen', 185000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year1', 'enslig_mindrearig', 185000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year1', 'barn', 185000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year2', 'alle', 230000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year3', 'alle', 167000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year4', 'alle', 84000, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'integreringstilskudd', 'year5', 'alle', 70500, 'per_person', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'barnehagetilskudd', 'one_time', 'barn_0_5', 25100, 'per_person_one_time', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'eldretilskudd', 'one_time', 'eldre_60pluss', 164200, 'per_person_one_time', 'final',
     'https://www.imdi.no/planlegging-og-bosetting/kommunens-arbeid/bosetting-og-kommuneokonomi/'),
    (2017, 'ekstratilskudd_bosetting', 'one_time', 'utover_anmodning', 50000, 'per_person_one_time', 'proposal',
     'https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2016/foreslar-500-millioner-til-integreringsarbeid/'),
    (2017, 'ekstratilskudd_em', 'one_time', 'enslig_mindrearig', 100000, 'per_person_one_time', 'proposal',
     'https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2016/foreslar-500-millioner-til-integreringsarbeid/'),
    (2017, 'ekstratilskudd_institusjon', 'one_time', 'fra_institusjon', 500000, 'per_person_one_time', 'proposal',
     'https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2016/foreslar-500-millioner-til-integreringsarbeid/'),
    (2019, 'norsktilskudd', 'persontilskudd_sum_3yr', 'lav_sats', 54500, 'per_person_3yr_sum', 'proposal',
     'https://www.ks.no/fagomrader/innvandring-og-integrering/integrering/--ingen-overraskelser-pa-integreringsfeltet/'),
    (2019, 'norsktilskudd', 'persontilskudd_sum_3yr', 'hoy_sats', 141800, 'per_person_3yr_sum', 'proposal',
     'https://www.ks.no/fagomrader/innvandring-og-integrering/integrering/--ingen-overraskelser-pa-integreringsfeltet/'),
    (2019, 'funksjon_tilskudd', 'tilskudd1', 'nedsatt_funksjonsevne', 190800, 'per_person_one_time', 'proposal',
     'https://www.ks.no/fagomrader/innvandring-og-integrering/integrering/--ingen-overraskelser-pa-integreringsfeltet/'),
    (2019, 'funksjon_tilskudd', 'tilskudd2_max', 'nedsatt_funksjonsevne', 1320000, 'per_person_per_year', 'proposal',
     'https://www.ks.no/fagomrader/innvandring-og-integrering/integrering/--ingen-overraskelser-pa-integreringsfeltet/'),
    (2022, 'kompensasjon_ubenyttet_plass', 'one_time', 'ubenyttet_vedtaksplass', 50000, 'per_place', 'final',
     'https://www.imdi.no/tilskudd/kompensasjonsordning-for-ubenyttede-vedtaksplasser-i-kommunene/'),
    (2023, 'em_tilskudd', 'per_year', 'em_0_16', 1118000, 'per_person_per_year', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'em_tilskudd', 'per_year', 'em_17_20', 705000, 'per_person_per_year', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'funksjon_tilskudd', 'tilskudd1', 'nedsatt_funksjonsevne', 196400, 'per_person_one_time', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'funksjon_tilskudd', 'tilskudd2_max', 'nedsatt_funksjonsevne', 1520000, 'per_person_per_year', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'norsktilskudd', 'grunntilskudd', 'kommune_1_3', 217000, 'per_municipality_per_year', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'norsktilskudd', 'grunntilskudd', 'kommune_4_150', 643900, 'per_municipality_per_year', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/'),
    (2023, 'norsktilskudd_kollektiv', 'persontilskudd', 'kollektiv_beskyttelse', 45000, 'per_person', 'proposal',
     'https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/kan-bli-vanskelig-a-bosette-flyktninger/')
) AS v(y, s, c, k, a, u, st, src);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.grant_rate', 'WHERE NOT builtin');

-- Beregningsutvalget (the joint state-municipal committee): estimated
-- municipal cost per refugee over the five grant years and the coverage
-- ratios it published (research/grants.md section 6).  All figures are
-- cross-sections of one calendar year.
CREATE TABLE @extschema@.cost_estimate (
    year                  pg_catalog.int4 PRIMARY KEY
        CONSTRAINT cost_estimate_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    cost_per_person_5yr   pg_catalog.numeric(12,2)
        CONSTRAINT cost_estimate_cost_positive CHECK (cost_per_person_5yr OPERATOR(pg_catalog.>) 0),
    coverage_pct          pg_catalog.numeric(5,1),
    coverage_qualifier    pg_catalog.text
        CONSTRAINT cost_estimate_qualifier_known CHECK (coverage_qualifier OPERATOR(pg_catalog.=) ANY (ARRAY['exact', 'more_than', 'approx'])),
    em_coverage_pct       pg_catalog.numeric(5,1),
    norsk_coverage_pct    pg_catalog.numeric(5,1),
    norsk_coverage_qualifier pg_catalog.text
        CONSTRAINT cost_estimate_norsk_qualifier_known CHECK (norsk_coverage_qualifier OPERATOR(pg_catalog.=) ANY (ARRAY['exact', 'more_than', 'approx'])),
    source                pg_catalog.text NOT NULL
        CONSTRAINT cost_estimate_source_given CHECK (source OPERATOR(pg_catalog.<>) ''),
    builtin               pg_catalog.bool NOT NULL DEFAULT false,
    CONSTRAINT cost_estimate_qualified CHECK ((coverage_pct IS NULL) OPERATOR(pg_catalog.=) (coverage_qualifier IS NULL)
        AND (norsk_coverage_pct IS NULL) OPERATOR(pg_catalog.=) (norsk_coverage_qualifier IS NULL))
);
COMMENT ON TABLE @extschema@.cost_estimate IS
    'Beregningsutvalget: estimated municipal cost per refugee over the five grant years, and the published coverage ratios of the grants (research/grants.md section 6)';
COMMENT ON COLUMN @extschema@.cost_estimate.year IS 'the calendar year the committee mapped';
COMMENT ON COLUMN @extschema@.cost_estimate.cost_per_person_5yr IS 'estimated cost per refugee over år 1-5 (cross-section of the year), NOK; NULL where only a ratio was published';
COMMENT ON COLUMN @extschema@.cost_estimate.coverage_pct IS 'published coverage of the costs by integreringstilskuddet, percent';
COMMENT ON COLUMN @extschema@.cost_estimate.coverage_qualifier IS 'exact, more_than (">90 %") or approx ("about")';
COMMENT ON COLUMN @extschema@.cost_estimate.em_coverage_pct IS 'published coverage for unaccompanied minors, percent';
COMMENT ON COLUMN @extschema@.cost_estimate.norsk_coverage_pct IS 'published coverage of Norwegian-training costs by norsktilskuddet, percent';
COMMENT ON COLUMN @extschema@.cost_estimate.norsk_coverage_qualifier IS 'exact, more_than or approx';
COMMENT ON COLUMN @extschema@.cost_estimate.source IS 'where the figures were read';
COMMENT ON COLUMN @extschema@.cost_estimate.builtin IS 'true for the figures shipped with the extension and not edited; pg_dump keeps only the others (an edited built-in row becomes a user row)';

INSERT INTO @extschema@.cost_estimate (year, cost_per_person_5yr, coverage_pct, coverage_qualifier,
    em_coverage_pct, norsk_coverage_pct, norsk_coverage_qualifier, source, builtin)
SELECT v.*, true FROM (VALUES
    (2011, 736500, NULL::pg_catalog.numeric, NULL, NULL::pg_catalog.numeric, NULL::pg_catalog.numeric, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
    (2012, 724500, NULL, NULL, NULL, NULL, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/'),
    (2014, 770300, NULL, NULL, 63.0, NULL, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2015/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-2014/ (EM 63 % from the 2015 page)'),
    (2015, 775500, 90.0, 'more_than', 71.0, NULL, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2016/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2015/'),
    (2016, 797800, 92.3, 'exact', 60.0, NULL, NULL,
     'https://digib.no/11586; https://www.ks.no/fagomrader/innvandring-og-integrering/flyktninger/kommunene-far-dekket-utgifter-til-flyktninger/'),
    (2017, NULL, 95.2, 'exact', NULL, NULL, NULL,
     'https://www.imdi.no/om-imdi/rapporter/2018/beregningsutvalgets-rapport-for-2017/'),
    (2018, NULL, 99.6, 'exact', 112.5, NULL, NULL,
     'https://digib.no/11473; IMDi 2019 report page'),
    (2019, NULL, 101.7, 'exact', 110.0, NULL, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2019/'),
    (2020, NULL, 105.9, 'exact', 102.9, NULL, NULL,
     'https://www.imdi.no/arkiv/arkiverte-publikasjoner/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2020/'),
    (2021, NULL, 97.3, 'exact', NULL, 68.4, 'exact',
     'https://www.imdi.no/om-imdi/rapporter/2022/kommunane-sine-utgifter-til-busetting-integrering-og-norskopplaring-i-2021/'),
    (2022, NULL, 97.3, 'exact', 117.0, 77.1, 'exact',
     'https://www.imdi.no/om-imdi/rapporter/2023/kommunenes-utgifter-til-bosetting-integrering-og-norskopplaring-i-2022/'),
    (2023, NULL, 92.0, 'approx', NULL, 80.0, 'approx',
     'NTB/Dagsavisen 28 Aug 2024, https://www.dagsavisen.no/nyheter/innenriks/2024/08/28/ukrainske-flyktninger-koster-kommunene-mer-enn-ventet/')
) AS v(year, cost, cov, covq, em, norsk, norskq, source);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.cost_estimate', 'WHERE NOT builtin');

-- An edited built-in rate or estimate becomes a user row that pg_dump keeps;
-- a user row replaces the built-in row of its key (src/register/builtin.sql).
CREATE TRIGGER grant_rate_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.grant_rate
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('budget_year', 'scheme', 'component', 'category');
CREATE TRIGGER cost_estimate_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_estimate
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('year');

-- ---- rates: look-ups, what a year lacks, the loader ----

CREATE FUNCTION @extschema@.grant_rate_at(budget_year pg_catalog.int4, scheme pg_catalog.text,
    component pg_catalog.text, category pg_catalog.text,
    OUT amount pg_catalog.numeric, OUT rate_basis pg_catalog.text)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'grant_rate_at_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION @extschema@.grant_rate_at(pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
    'the rate of a kind in a budget year: published for that year, or carried forward from the nearest earlier published year (rate_basis says which); 22023 before the scheme existed or before the first published rate';

CREATE FUNCTION @extschema@.grant_cross_section(budget_year pg_catalog.int4, category pg_catalog.text,
    OUT amount pg_catalog.numeric, OUT rate_basis pg_catalog.text, OUT computed_from pg_catalog.text)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'grant_cross_section_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION @extschema@.grant_cross_section(pg_catalog.int4, pg_catalog.text) IS
    'the "five-year total" of integreringstilskudd as published: the år 1-5 rates of ONE budget year added up (research/grants.md section 2), or the published total where the rates themselves are not known';

CREATE FUNCTION @extschema@.grant_rates_missing(budget_year pg_catalog.int4)
RETURNS TABLE(scheme pg_catalog.text, component pg_catalog.text, category pg_catalog.text,
              unit pg_catalog.text, used_instead pg_catalog.text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT k.scheme, k.component, k.category, k.unit,
           COALESCE((SELECT 'carried forward from ' OPERATOR(pg_catalog.||) pg_catalog.max(r.budget_year)::pg_catalog.text
                       FROM @extschema@.grant_rate r
                      WHERE r.scheme OPERATOR(pg_catalog.=) k.scheme
                        AND r.component OPERATOR(pg_catalog.=) k.component
                        AND r.budget_year OPERATOR(pg_catalog.<) $1
                        AND (r.category OPERATOR(pg_catalog.=) k.category
                             OR (k.scheme OPERATOR(pg_catalog.=) 'em_tilskudd'
                                 AND k.category OPERATOR(pg_catalog.=) ANY (ARRAY['em_0_16', 'em_17_20'])
                                 AND r.category OPERATOR(pg_catalog.=) 'enslig_mindrearig'))
                     HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0),
                    'nothing: no earlier rate, so using it is an error')
      FROM @extschema@.grant_rate_kinds() k
     WHERE k.required
       AND (k.first_year IS NULL OR k.first_year OPERATOR(pg_catalog.<=) $1)
       AND (k.last_year IS NULL OR k.last_year OPERATOR(pg_catalog.>=) $1)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.grant_rate r
                        WHERE r.budget_year OPERATOR(pg_catalog.=) $1
                          AND r.scheme OPERATOR(pg_catalog.=) k.scheme
                          AND r.component OPERATOR(pg_catalog.=) k.component
                          AND r.category OPERATOR(pg_catalog.=) k.category)
     ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION @extschema@.grant_rates_missing(pg_catalog.int4) IS
    'the rates a complete budget year needs (the ones the rules pay) that have no row for that year, and what is used instead';

-- One input row of load_grant_rates() with what is wrong with it (NULL: fine).
CREATE FUNCTION @extschema@._grant_rate_input(rates pg_catalog.jsonb)
RETURNS TABLE(ord pg_catalog.int8, budget_year pg_catalog.int4, scheme pg_catalog.text,
              component pg_catalog.text, category pg_catalog.text, amount pg_catalog.numeric,
              unit pg_catalog.text, status pg_catalog.text, source pg_catalog.text, problem pg_catalog.text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT v.ord, v.y, v.s, v.c, v.k, v.a, v.u, v.st, v.src,
           CASE
               WHEN v.t OPERATOR(pg_catalog.<>) 'object' THEN 'is not a JSON object'
               WHEN v.y IS NULL THEN 'budget_year "' OPERATOR(pg_catalog.||) COALESCE(v.e OPERATOR(pg_catalog.->>) 'budget_year', '') OPERATOR(pg_catalog.||) '" is not a year (4 digits)'
               WHEN v.s IS NULL OR v.c IS NULL OR v.k IS NULL OR v.u IS NULL THEN 'scheme, component, category and unit are required'
               WHEN v.a IS NULL THEN 'amount_nok "' OPERATOR(pg_catalog.||) COALESCE(v.araw, '') OPERATOR(pg_catalog.||) '" is not a positive amount in NOK with at most 2 decimals'
               WHEN v.a OPERATOR(pg_catalog.<=) 0 THEN 'amount_nok must be positive'
               WHEN v.src IS NULL OR v.src OPERATOR(pg_catalog.=) '' THEN 'source is required (where the rate was published)'
               WHEN v.st OPERATOR(pg_catalog.<>) ALL (ARRAY['final', 'proposal']) THEN 'status "' OPERATOR(pg_catalog.||) v.st OPERATOR(pg_catalog.||) '" is not final or proposal'
               ELSE @extschema@._grant_rate_problem(v.y, v.s, v.c, v.k, v.u)
           END
      FROM (SELECT x.ord, x.e, pg_catalog.jsonb_typeof(x.e) AS t,
                   CASE WHEN (x.e OPERATOR(pg_catalog.->>) 'budget_year') OPERATOR(pg_catalog.~) '^[0-9]{4}$'
                        THEN (x.e OPERATOR(pg_catalog.->>) 'budget_year')::pg_catalog.int4 END AS y,
                   x.e OPERATOR(pg_catalog.->>) 'scheme' AS s,
                   x.e OPERATOR(pg_catalog.->>) 'component' AS c,
                   x.e OPERATOR(pg_catalog.->>) 'category' AS k,
                   COALESCE(x.e OPERATOR(pg_catalog.->>) 'amount_nok', x.e OPERATOR(pg_catalog.->>) 'amount') AS araw,
                   CASE WHEN COALESCE(x.e OPERATOR(pg_catalog.->>) 'amount_nok', x.e OPERATOR(pg_catalog.->>) 'amount')
                             OPERATOR(pg_catalog.~) '^[0-9]{1,10}([.][0-9]{1,2})?$'
                        THEN COALESCE(x.e OPERATOR(pg_catalog.->>) 'amount_nok', x.e OPERATOR(pg_catalog.->>) 'amount')::pg_catalog.numeric END AS a,
                   x.e OPERATOR(pg_catalog.->>) 'unit' AS u,
                   COALESCE(x.e OPERATOR(pg_catalog.->>) 'status', 'final') AS st,
                   x.e OPERATOR(pg_catalog.->>) 'source' AS src
              FROM pg_catalog.jsonb_array_elements(rates) WITH ORDINALITY AS x(e, ord)) v;
END;
COMMENT ON FUNCTION @extschema@._grant_rate_input(pg_catalog.jsonb) IS
    'internal: the rows given to load_grant_rates(), parsed, each with what is wrong with it';

-- load_grant_rates() is in rates_loader.sql.

-- ---- schedules ----

CREATE FUNCTION @extschema@.grant_schedule(birth_date pg_catalog.date, settled_on pg_catalog.date,
    single_adult pg_catalog.bool, unaccompanied pg_catalog.bool,
    disability pg_catalog.text DEFAULT NULL, beyond_request pg_catalog.bool DEFAULT false,
    from_institution pg_catalog.bool DEFAULT false, schemes pg_catalog.text[] DEFAULT NULL)
RETURNS TABLE(budget_year pg_catalog.int4, year_index pg_catalog.int4, scheme pg_catalog.text,
              component pg_catalog.text, amount pg_catalog.numeric, rate_basis pg_catalog.text)
AS 'MODULE_PATHNAME', 'grant_schedule_flags' LANGUAGE C STABLE PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION @extschema@.grant_schedule(pg_catalog.date, pg_catalog.date, pg_catalog.bool, pg_catalog.bool, pg_catalog.text, pg_catalog.bool, pg_catalog.bool, pg_catalog.text[]) IS
    'every grant one person brings, by budget year: år 1 is the settlement year and år k uses the rate of budget year settlement year + k - 1; rate_basis is published or carried forward from YYYY.  disability: tilskudd1 or tilskudd2; schemes: only these';

CREATE FUNCTION @extschema@.grant_schedule(birth_date pg_catalog.date, settled_on pg_catalog.date,
    category pg_catalog.text,
    disability pg_catalog.text DEFAULT NULL, beyond_request pg_catalog.bool DEFAULT false,
    from_institution pg_catalog.bool DEFAULT false, schemes pg_catalog.text[] DEFAULT NULL)
RETURNS TABLE(budget_year pg_catalog.int4, year_index pg_catalog.int4, scheme pg_catalog.text,
              component pg_catalog.text, amount pg_catalog.numeric, rate_basis pg_catalog.text)
AS 'MODULE_PATHNAME', 'grant_schedule_category' LANGUAGE C STABLE PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION @extschema@.grant_schedule(pg_catalog.date, pg_catalog.date, pg_catalog.text, pg_catalog.text, pg_catalog.bool, pg_catalog.bool, pg_catalog.text[]) IS
    'grant_schedule with the category named: enslig_voksen, voksen, barn or enslig_mindrearig';

-- ---- grants over the register ----

CREATE FUNCTION @extschema@._grant_totals(from_year pg_catalog.int4, to_year pg_catalog.int4,
    kommunenr @extschema@.kommunenr[], settle_year pg_catalog.int4[], birth_year pg_catalog.int4[],
    unaccompanied pg_catalog.bool[], alone pg_catalog.bool[], elderly pg_catalog.bool[],
    small_child pg_catalog.bool[], persons pg_catalog.int8[])
RETURNS TABLE(budget_year pg_catalog.int4, kommunenr @extschema@.kommunenr, scheme pg_catalog.text,
              rate_basis pg_catalog.text, persons pg_catalog.int8, amount pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'grant_totals' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._grant_totals(pg_catalog.int4, pg_catalog.int4, @extschema@.kommunenr[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.bool[], pg_catalog.bool[], pg_catalog.bool[], pg_catalog.bool[], pg_catalog.int8[]) IS
    'internal: the grants of cohorts of persons (parallel arrays, one element per cohort) summed per budget year, municipality, scheme and rate basis';

CREATE FUNCTION @extschema@._grant_municipal(year pg_catalog.int4, kommunenr @extschema@.kommunenr[],
    settled pg_catalog.int8[], requested_for_bonus pg_catalog.int8[], requested pg_catalog.int8[],
    decided pg_catalog.int8[])
RETURNS TABLE(kommunenr @extschema@.kommunenr, scheme pg_catalog.text, persons pg_catalog.int8,
              amount pg_catalog.numeric, rate_basis pg_catalog.text)
AS 'MODULE_PATHNAME', 'grant_municipal' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._grant_municipal(pg_catalog.int4, @extschema@.kommunenr[], pg_catalog.int8[], pg_catalog.int8[], pg_catalog.int8[], pg_catalog.int8[]) IS
    'internal: the schemes paid per municipality (persons settled beyond the request, 2016-2017; unused decided places, 2022)';

CREATE FUNCTION @extschema@._grant_split(total pg_catalog.int8, weights pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'grant_split_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._grant_split(pg_catalog.int8, pg_catalog.int8[]) IS
    'internal: split total over the weights by largest remainder (ties to the lower index), exact';

-- The settled persons as the grant rules see them.  The settlement year
-- (settlement.year) is år 1.  The settlement date, which only decides the
-- one-time grants for the elderly (turned 60) and small children (not yet
-- 6), is settlement.settled_on, else the date of the last status change
-- (changed_at, the moment the status became 'settled'), kept inside the
-- settlement year; a child born after the household was settled counts
-- from its birth.
CREATE VIEW @extschema@.grant_settled_person AS
SELECT q.person_id, q.settlement_id, q.kommunenr, q.settle_year, q.settled_on, q.birth_date,
       pg_catalog.date_part('year', q.birth_date)::pg_catalog.int4 AS birth_year,
       q.unaccompanied_minor, q.alone,
       (q.birth_date OPERATOR(pg_catalog.+) '60 years'::pg_catalog.interval) OPERATOR(pg_catalog.<=) q.settled_on AS elderly,
       (q.birth_date OPERATOR(pg_catalog.+) '6 years'::pg_catalog.interval) OPERATOR(pg_catalog.>) q.settled_on AS small_child
  FROM (SELECT p.person_id, s.settlement_id, s.kommunenr,
               pg_catalog.date_part('year', x.d)::pg_catalog.int4 AS settle_year,
               x.d AS settled_on, p.birth_date, p.unaccompanied_minor,
               pg_catalog.count(*) OVER (PARTITION BY p.household_id) OPERATOR(pg_catalog.=) 1 AS alone
          FROM @extschema@.settlement s
          JOIN @extschema@.person p ON p.household_id OPERATOR(pg_catalog.=) s.household_id
          CROSS JOIN LATERAL (SELECT GREATEST(LEAST(COALESCE(s.settled_on, (s.changed_at)::pg_catalog.date),
                                                    pg_catalog.make_date(s.year, 12, 31)),
                                              pg_catalog.make_date(s.year, 1, 1),
                                              p.birth_date) AS d) AS x
         WHERE s.status OPERATOR(pg_catalog.=) 'settled') q;
COMMENT ON VIEW @extschema@.grant_settled_person IS
    'settled persons as the grant rules see them: municipality, settlement year (år 1), settlement date (settlement.settled_on, else the date the status last changed, kept inside the settlement year), settled alone, and the age flags of the one-time grants';

-- The per-municipality schemes of a year, from the decision table: settled
-- is IMDi's count (decision.settled), else the register's settled persons;
-- the extra grant counts persons settled beyond the request of the year
-- before (research/grants.md section 4: "persons settled in 2016 beyond the
-- municipality's 2015 request"); the 2022 compensation counts decided places
-- within the request left unused.  A municipality whose request or decision
-- is unknown (suppressed, missing) gets neither.
CREATE FUNCTION @extschema@._grant_municipal_rows(year pg_catalog.int4)
RETURNS TABLE(kommunenr @extschema@.kommunenr, scheme pg_catalog.text, persons pg_catalog.int8,
              amount pg_catalog.numeric, rate_basis pg_catalog.text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.kommunenr, m.scheme, m.persons, m.amount, m.rate_basis
      FROM (SELECT pg_catalog.array_agg(d.kommunenr) AS k,
                   pg_catalog.array_agg(COALESCE(d.settled::pg_catalog.int8, b.n, 0)) AS settled,
                   pg_catalog.array_agg(COALESCE(p.requested::pg_catalog.int8, COALESCE(d.settled::pg_catalog.int8, b.n, 0))) AS rb,
                   pg_catalog.array_agg(COALESCE(d.requested, 0)::pg_catalog.int8) AS req,
                   pg_catalog.array_agg(COALESCE(d.decided, 0)::pg_catalog.int8) AS dec
              FROM @extschema@.decision d
              LEFT JOIN @extschema@.decision p
                ON p.year OPERATOR(pg_catalog.=) (d.year OPERATOR(pg_catalog.-) 1)
               AND p.kommunenr OPERATOR(@extschema@.=) d.kommunenr
              LEFT JOIN (SELECT sp.kommunenr, pg_catalog.count(*) AS n
                           FROM @extschema@.grant_settled_person sp
                          WHERE sp.settle_year OPERATOR(pg_catalog.=) $1
                          GROUP BY sp.kommunenr) b
                ON b.kommunenr OPERATOR(@extschema@.=) d.kommunenr
             WHERE d.year OPERATOR(pg_catalog.=) $1
               AND EXISTS (SELECT 1 FROM @extschema@.grant_schemes() gs
                            WHERE gs.scheme OPERATOR(pg_catalog.=) ANY (ARRAY['ekstratilskudd_bosetting', 'kompensasjon_ubenyttet_plass'])
                              AND $1 OPERATOR(pg_catalog.>=) gs.first_year AND $1 OPERATOR(pg_catalog.<=) gs.last_year)) a,
           LATERAL @extschema@._grant_municipal($1, a.k, a.settled, a.rb, a.req, a.dec) m;
END;
COMMENT ON FUNCTION @extschema@._grant_municipal_rows(pg_catalog.int4) IS
    'internal: the per-municipality schemes of a year from the decision table';

CREATE FUNCTION @extschema@.municipality_grants(budget_year pg_catalog.int4)
RETURNS TABLE(kommunenr @extschema@.kommunenr, scheme pg_catalog.text, persons pg_catalog.int8,
              amount pg_catalog.numeric, rate_basis pg_catalog.text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT t.kommunenr, t.scheme, t.persons, t.amount, t.rate_basis
      FROM (SELECT pg_catalog.array_agg(c.kommunenr) AS k, pg_catalog.array_agg(c.settle_year) AS sy,
                   pg_catalog.array_agg(c.birth_year) AS yb, pg_catalog.array_agg(c.unaccompanied_minor) AS um,
                   pg_catalog.array_agg(c.alone) AS al, pg_catalog.array_agg(c.elderly) AS el,
                   pg_catalog.array_agg(c.small_child) AS sc, pg_catalog.array_agg(c.n) AS n
              FROM (SELECT sp.kommunenr, sp.settle_year, sp.birth_year, sp.unaccompanied_minor, sp.alone,
                           sp.elderly, sp.small_child, pg_catalog.count(*) AS n
                      FROM @extschema@.grant_settled_person sp
                     WHERE sp.settle_year OPERATOR(pg_catalog.<=) $1
                       AND sp.settle_year OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) 21)
                     GROUP BY 1, 2, 3, 4, 5, 6, 7) c) a,
           LATERAL @extschema@._grant_totals($1, $1, a.k, a.sy, a.yb, a.um, a.al, a.el, a.sc, a.n) t
    UNION ALL
    SELECT m.kommunenr, m.scheme, m.persons, m.amount, m.rate_basis
      FROM @extschema@._grant_municipal_rows($1) m
     ORDER BY 1, 2, 5;
END;
COMMENT ON FUNCTION @extschema@.municipality_grants(pg_catalog.int4) IS
    'the grants each municipality receives in a budget year: for the persons settled in the register (every scheme, år 1-5 and the EM years) and the per-municipality schemes of the decision table; persons = persons (or places) the amount is paid for';

-- grant_projection() is in projection.sql.

CREATE FUNCTION @extschema@.cost_coverage(year pg_catalog.int4)
RETURNS TABLE(category pg_catalog.text, grant_5yr pg_catalog.numeric,
              grant_basis pg_catalog.text, cost_5yr pg_catalog.numeric, coverage_pct pg_catalog.numeric,
              published_coverage_pct pg_catalog.numeric, published_qualifier pg_catalog.text,
              published_em_coverage_pct pg_catalog.numeric, source pg_catalog.text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    e @extschema@.cost_estimate%ROWTYPE;
BEGIN
    SELECT * INTO e FROM @extschema@.cost_estimate c WHERE c.year = cost_coverage.year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no Beregningsutvalget figures for %', cost_coverage.year
            USING ERRCODE = '22023',
                  DETAIL = format('cost_estimate has figures for %s.',
                                  (SELECT string_agg(c.year::text, ', ' ORDER BY c.year) FROM @extschema@.cost_estimate c)),
                  HINT = 'Add the year''s figures to bosetting.cost_estimate.';
    END IF;
    RETURN QUERY
    SELECT k.category, x.amount,
           x.rate_basis || ' (' || x.computed_from || ')',
           e.cost_per_person_5yr,
           round(x.amount * 100 / e.cost_per_person_5yr, 1),
           e.coverage_pct, e.coverage_qualifier, e.em_coverage_pct, e.source
      FROM unnest(ARRAY['enslig_voksen', 'voksen', 'barn', 'enslig_mindrearig']) WITH ORDINALITY AS k(category, o),
           LATERAL @extschema@.grant_cross_section(e.year, k.category) x
     ORDER BY k.o;
END;
$fn$;
COMMENT ON FUNCTION @extschema@.cost_coverage(pg_catalog.int4) IS
    'integreringstilskudd over five years (the cross-section of the year, as the committee compares it) against Beregningsutvalget''s estimated cost per refugee, per category, beside the coverage ratios the committee published';
