-- cost: changes of the SQL API from 0.1 to 0.2 (the same changes as in this
-- module's install SQL; new columns go last in both).

-- Built-in rows (issue 10, item 3): the 2011/2012 five-year totals of
-- grant_rates.csv and the 2011/2012 cost estimates of grants.md section 6.
-- A user row that already holds one of these keys wins, and the upgrade says
-- so (a WARNING: an extension script runs with client_min_messages at least
-- warning, so a NOTICE would never reach the DBA).
DO $upgrade$
DECLARE
    k text;
BEGIN
    FOR k IN
        WITH v(y, c, a, src) AS (VALUES
            (2011, 'voksen', 581500, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
            (2011, 'barn', 561500, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
            (2012, 'voksen', 598000, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/'),
            (2012, 'barn', 576500, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/')),
        ins AS (
            INSERT INTO @extschema@.grant_rate (budget_year, scheme, component, category, amount, unit, status, source, builtin)
            SELECT v.y, 'integreringstilskudd', 'sum_year1_5', v.c, v.a, 'per_person_5yr_sum', 'final', v.src, true FROM v
            ON CONFLICT DO NOTHING RETURNING budget_year, category)
        SELECT format('%s integreringstilskudd sum_year1_5 %s', v.y, v.c) FROM v
        WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.budget_year = v.y AND ins.category = v.c)
    LOOP
        RAISE WARNING 'bosetting 0.2: the built-in grant rate % is not added: a user row holds that key and is kept', k;
    END LOOP;
    FOR k IN
        WITH v(y, a, src) AS (VALUES
            (2011, 736500, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2012/kommunenes-utgifter-til-bosetting-og-integrering-av-flyktninger-i-2011/'),
            (2012, 724500, 'https://www.imdi.no/arkiv/arkiverte-publikasjoner/2013/kommunenes-utgifter-til-bosetting-og-integrering-av-enslige-mindrearige-i-2012/')),
        ins AS (
            INSERT INTO @extschema@.cost_estimate (year, cost_per_person_5yr, source, builtin)
            SELECT v.y, v.a, v.src, true FROM v ON CONFLICT DO NOTHING RETURNING year)
        SELECT v.y::text FROM v WHERE v.y NOT IN (SELECT ins.year FROM ins)
    LOOP
        RAISE WARNING 'bosetting 0.2: the built-in cost estimate for % is not added: a user row holds that year and is kept', k;
    END LOOP;
END;
$upgrade$;

-- An edited built-in rate or estimate becomes a user row that pg_dump keeps;
-- a user row replaces the built-in row of its key (src/register/builtin.sql).
CREATE TRIGGER grant_rate_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.grant_rate
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('budget_year', 'scheme', 'component', 'category');
CREATE TRIGGER cost_estimate_builtin_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_estimate
    FOR EACH ROW EXECUTE FUNCTION @extschema@._builtin_row_guard('year');
COMMENT ON COLUMN @extschema@.grant_rate.builtin IS 'true for the rates shipped with the extension and not edited; pg_dump keeps only the others (an edited built-in row becomes a user row)';
COMMENT ON COLUMN @extschema@.cost_estimate.builtin IS 'true for the figures shipped with the extension and not edited; pg_dump keeps only the others (an edited built-in row becomes a user row)';
