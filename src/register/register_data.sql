-- register_data.sql: built-in reference rows (published facts, with source).
--
-- County numbers per era: ../shared/research/identifiers.md section 3.2 ("the
-- county prefixes of all KLASS 131 codes valid at the given date equal these
-- sets exactly"), from SSB KLASS 104/131; Sami/Kven labels from KLASS 104 as
-- quoted there; municipality counts per county in 2024 from KLASS 131 as
-- quoted there.  Before 1972 the numbers were those of 1972-2017 plus 13
-- Bergen.  load_counties() loads the same facts from fylker_by_era.csv and
-- adds the municipality counts of the other eras.

INSERT INTO @extschema@.county (fylkenr, era_from, era_to, name, sami_name, municipalities, municipalities_counted_at, source, builtin)
SELECT e.fylkenr, e.era_from::pg_catalog.date, e.era_to::pg_catalog.date, e.name, e.sami_name,
       e.municipalities, e.counted_at::pg_catalog.date,
       'SSB KLASS 104/131, as verified in identifiers.md 3.2', true
FROM (VALUES
    -- 1838-01-01 .. 1971-12-31: the 1972 numbers plus 13 Bergen
    ('01', '1838-01-01', '1971-12-31', 'Østfold', NULL, NULL, NULL),
    ('02', '1838-01-01', '1971-12-31', 'Akershus', NULL, NULL, NULL),
    ('03', '1838-01-01', '1971-12-31', 'Oslo', NULL, NULL, NULL),
    ('04', '1838-01-01', '1971-12-31', 'Hedmark', NULL, NULL, NULL),
    ('05', '1838-01-01', '1971-12-31', 'Oppland', NULL, NULL, NULL),
    ('06', '1838-01-01', '1971-12-31', 'Buskerud', NULL, NULL, NULL),
    ('07', '1838-01-01', '1971-12-31', 'Vestfold', NULL, NULL, NULL),
    ('08', '1838-01-01', '1971-12-31', 'Telemark', NULL, NULL, NULL),
    ('09', '1838-01-01', '1971-12-31', 'Aust-Agder', NULL, NULL, NULL),
    ('10', '1838-01-01', '1971-12-31', 'Vest-Agder', NULL, NULL, NULL),
    ('11', '1838-01-01', '1971-12-31', 'Rogaland', NULL, NULL, NULL),
    ('12', '1838-01-01', '1971-12-31', 'Hordaland', NULL, NULL, NULL),
    ('13', '1838-01-01', '1971-12-31', 'Bergen', NULL, NULL, NULL),
    ('14', '1838-01-01', '1971-12-31', 'Sogn og Fjordane', NULL, NULL, NULL),
    ('15', '1838-01-01', '1971-12-31', 'Møre og Romsdal', NULL, NULL, NULL),
    ('16', '1838-01-01', '1971-12-31', 'Sør-Trøndelag', NULL, NULL, NULL),
    ('17', '1838-01-01', '1971-12-31', 'Nord-Trøndelag', NULL, NULL, NULL),
    ('18', '1838-01-01', '1971-12-31', 'Nordland', NULL, NULL, NULL),
    ('19', '1838-01-01', '1971-12-31', 'Troms', NULL, NULL, NULL),
    ('20', '1838-01-01', '1971-12-31', 'Finnmark', NULL, NULL, NULL),
    -- 1972-01-01 .. 2017-12-31: 19 counties
    ('01', '1972-01-01', '2017-12-31', 'Østfold', NULL, NULL, NULL),
    ('02', '1972-01-01', '2017-12-31', 'Akershus', NULL, NULL, NULL),
    ('03', '1972-01-01', '2017-12-31', 'Oslo', NULL, NULL, NULL),
    ('04', '1972-01-01', '2017-12-31', 'Hedmark', NULL, NULL, NULL),
    ('05', '1972-01-01', '2017-12-31', 'Oppland', NULL, NULL, NULL),
    ('06', '1972-01-01', '2017-12-31', 'Buskerud', NULL, NULL, NULL),
    ('07', '1972-01-01', '2017-12-31', 'Vestfold', NULL, NULL, NULL),
    ('08', '1972-01-01', '2017-12-31', 'Telemark', NULL, NULL, NULL),
    ('09', '1972-01-01', '2017-12-31', 'Aust-Agder', NULL, NULL, NULL),
    ('10', '1972-01-01', '2017-12-31', 'Vest-Agder', NULL, NULL, NULL),
    ('11', '1972-01-01', '2017-12-31', 'Rogaland', NULL, NULL, NULL),
    ('12', '1972-01-01', '2017-12-31', 'Hordaland', NULL, NULL, NULL),
    ('14', '1972-01-01', '2017-12-31', 'Sogn og Fjordane', NULL, NULL, NULL),
    ('15', '1972-01-01', '2017-12-31', 'Møre og Romsdal', NULL, NULL, NULL),
    ('16', '1972-01-01', '2017-12-31', 'Sør-Trøndelag', NULL, NULL, NULL),
    ('17', '1972-01-01', '2017-12-31', 'Nord-Trøndelag', NULL, NULL, NULL),
    ('18', '1972-01-01', '2017-12-31', 'Nordland', NULL, NULL, NULL),
    ('19', '1972-01-01', '2017-12-31', 'Troms', 'Troms - Romsa', NULL, NULL),
    ('20', '1972-01-01', '2017-12-31', 'Finnmark', 'Finnmark - Finnmárku', NULL, NULL),
    -- 2018-01-01 .. 2019-12-31: 16 and 17 replaced by 50 Trøndelag
    ('01', '2018-01-01', '2019-12-31', 'Østfold', NULL, NULL, NULL),
    ('02', '2018-01-01', '2019-12-31', 'Akershus', NULL, NULL, NULL),
    ('03', '2018-01-01', '2019-12-31', 'Oslo', NULL, NULL, NULL),
    ('04', '2018-01-01', '2019-12-31', 'Hedmark', NULL, NULL, NULL),
    ('05', '2018-01-01', '2019-12-31', 'Oppland', NULL, NULL, NULL),
    ('06', '2018-01-01', '2019-12-31', 'Buskerud', NULL, NULL, NULL),
    ('07', '2018-01-01', '2019-12-31', 'Vestfold', NULL, NULL, NULL),
    ('08', '2018-01-01', '2019-12-31', 'Telemark', NULL, NULL, NULL),
    ('09', '2018-01-01', '2019-12-31', 'Aust-Agder', NULL, NULL, NULL),
    ('10', '2018-01-01', '2019-12-31', 'Vest-Agder', NULL, NULL, NULL),
    ('11', '2018-01-01', '2019-12-31', 'Rogaland', NULL, NULL, NULL),
    ('12', '2018-01-01', '2019-12-31', 'Hordaland', NULL, NULL, NULL),
    ('14', '2018-01-01', '2019-12-31', 'Sogn og Fjordane', NULL, NULL, NULL),
    ('15', '2018-01-01', '2019-12-31', 'Møre og Romsdal', NULL, NULL, NULL),
    ('18', '2018-01-01', '2019-12-31', 'Nordland', NULL, NULL, NULL),
    ('19', '2018-01-01', '2019-12-31', 'Troms', 'Troms - Romsa', NULL, NULL),
    ('20', '2018-01-01', '2019-12-31', 'Finnmark', 'Finnmark - Finnmárku', NULL, NULL),
    ('50', '2018-01-01', '2019-12-31', 'Trøndelag', NULL, NULL, NULL),
    -- 2020-01-01 .. 2023-12-31: 11 counties (regional reform)
    ('03', '2020-01-01', '2023-12-31', 'Oslo', NULL, NULL, NULL),
    ('11', '2020-01-01', '2023-12-31', 'Rogaland', NULL, NULL, NULL),
    ('15', '2020-01-01', '2023-12-31', 'Møre og Romsdal', NULL, NULL, NULL),
    ('18', '2020-01-01', '2023-12-31', 'Nordland', 'Nordland - Nordlánnda', NULL, NULL),
    ('30', '2020-01-01', '2023-12-31', 'Viken', NULL, NULL, NULL),
    ('34', '2020-01-01', '2023-12-31', 'Innlandet', NULL, NULL, NULL),
    ('38', '2020-01-01', '2023-12-31', 'Vestfold og Telemark', NULL, NULL, NULL),
    ('42', '2020-01-01', '2023-12-31', 'Agder', NULL, NULL, NULL),
    ('46', '2020-01-01', '2023-12-31', 'Vestland', NULL, NULL, NULL),
    ('50', '2020-01-01', '2023-12-31', 'Trøndelag', 'Trøndelag - Trööndelage', NULL, NULL),
    ('54', '2020-01-01', '2023-12-31', 'Troms og Finnmark', 'Troms og Finnmark - Romsa ja Finnmárku', NULL, NULL),
    -- 2024-01-01 ..: 15 counties, with their municipality counts (357 in all)
    ('03', '2024-01-01', NULL, 'Oslo', NULL, 1, '2024-01-01'),
    ('11', '2024-01-01', NULL, 'Rogaland', NULL, 23, '2024-01-01'),
    ('15', '2024-01-01', NULL, 'Møre og Romsdal', NULL, 27, '2024-01-01'),
    ('18', '2024-01-01', NULL, 'Nordland', 'Nordland - Nordlánnda', 41, '2024-01-01'),
    ('31', '2024-01-01', NULL, 'Østfold', NULL, 12, '2024-01-01'),
    ('32', '2024-01-01', NULL, 'Akershus', NULL, 21, '2024-01-01'),
    ('33', '2024-01-01', NULL, 'Buskerud', NULL, 18, '2024-01-01'),
    ('34', '2024-01-01', NULL, 'Innlandet', NULL, 46, '2024-01-01'),
    ('39', '2024-01-01', NULL, 'Vestfold', NULL, 6, '2024-01-01'),
    ('40', '2024-01-01', NULL, 'Telemark', NULL, 17, '2024-01-01'),
    ('42', '2024-01-01', NULL, 'Agder', NULL, 25, '2024-01-01'),
    ('46', '2024-01-01', NULL, 'Vestland', NULL, 43, '2024-01-01'),
    ('50', '2024-01-01', NULL, 'Trøndelag', 'Trøndelag - Trööndelage', 38, '2024-01-01'),
    ('55', '2024-01-01', NULL, 'Troms', 'Troms - Romsa - Tromssa', 21, '2024-01-01'),
    ('56', '2024-01-01', NULL, 'Finnmark', 'Finnmark - Finnmárku - Finmarkku', 18, '2024-01-01')
) AS e(fylkenr, era_from, era_to, name, sami_name, municipalities, counted_at);

-- 9999 "Uoppgitt": SSB KLASS 131's code for an unknown municipality (e.g.
-- persons with protected identity); identifiers.md 3.1, DESIGN.md.
INSERT INTO @extschema@.municipality (kommunenr, valid_from, valid_to, name, fylkenr, source, builtin)
VALUES ('9999', '1838-01-01', NULL, 'Uoppgitt', '99',
        'SSB KLASS 131 (code 9999 Uoppgitt), identifiers.md 3.1', true);
