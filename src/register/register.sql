-- register.sql: the register tables (issue 4, items 1 and 7): counties and
-- municipalities of every era, code changes, IMDi's settlement decisions,
-- households and persons waiting for settlement, their settlements (with a
-- history nothing escapes), extra capacity dimensions and indicators.
--
-- kommunenr is only unique together with a date (codes are reused, see
-- identifiers.md 3.1), so the tables that name a municipality for a year are
-- checked by a trigger against the validity-dated municipality table instead
-- of a plain foreign key (register_checks.sql).  Values a source suppressed
-- or lacked are NULL with a flag column saying why; they are never guessed
-- (../shared/data/README.md, "Conventions used in every file").

CREATE TABLE @extschema@.county (
    fylkenr                  pg_catalog.text NOT NULL
        CONSTRAINT county_fylkenr_format CHECK (fylkenr OPERATOR(pg_catalog.~) '^[0-9]{2}$'),
    era_from                 pg_catalog.date NOT NULL,
    era_to                   pg_catalog.date,
    name                     pg_catalog.text NOT NULL,
    sami_name                pg_catalog.text,
    municipalities           pg_catalog.int4
        CONSTRAINT county_municipalities_nonnegative CHECK (municipalities OPERATOR(pg_catalog.>=) 0),
    municipalities_counted_at pg_catalog.date,
    source                   pg_catalog.text,
    builtin                  pg_catalog.bool NOT NULL DEFAULT false,
    PRIMARY KEY (fylkenr, era_from),
    CONSTRAINT county_era_order CHECK (era_to IS NULL OR era_to OPERATOR(pg_catalog.>=) era_from)
);
COMMENT ON TABLE @extschema@.county IS
    'fylke (county) per era of county numbers (SSB KLASS 104; identifiers.md 3.2); the eras ship as built-in rows, load_counties() loads fylker_by_era.csv';
COMMENT ON COLUMN @extschema@.county.fylkenr IS 'fylkesnummer: the 2-digit county number of that era';
COMMENT ON COLUMN @extschema@.county.era_from IS 'first day of the era in which this county number had this meaning';
COMMENT ON COLUMN @extschema@.county.era_to IS 'last day of the era; NULL while the era lasts';
COMMENT ON COLUMN @extschema@.county.name IS 'fylkesnavn: the Norwegian name';
COMMENT ON COLUMN @extschema@.county.sami_name IS 'SSB''s official label with Sami/Kven forms, where it has them (e.g. "Troms - Romsa - Tromssa")';
COMMENT ON COLUMN @extschema@.county.municipalities IS 'antall kommuner: municipalities in the county, as counted at municipalities_counted_at';
COMMENT ON COLUMN @extschema@.county.municipalities_counted_at IS 'the date municipalities was counted';
COMMENT ON COLUMN @extschema@.county.source IS 'where the row comes from';
COMMENT ON COLUMN @extschema@.county.builtin IS 'shipped with the extension and not edited (not dumped by pg_dump; CREATE EXTENSION recreates it); an edited built-in row becomes a user row';

CREATE TABLE @extschema@.municipality (
    kommunenr                @extschema@.kommunenr NOT NULL,
    valid_from               pg_catalog.date NOT NULL,
    valid_to                 pg_catalog.date,
    name                     pg_catalog.text NOT NULL,
    fylkenr                  pg_catalog.text NOT NULL
        CONSTRAINT municipality_fylkenr_format CHECK (fylkenr OPERATOR(pg_catalog.~) '^[0-9]{2}$'),
    population               pg_catalog.int4
        CONSTRAINT municipality_population_nonnegative CHECK (population OPERATOR(pg_catalog.>=) 0),
    population_date          pg_catalog.date,
    official_name            pg_catalog.text,
    other_official_names     pg_catalog.text,
    admin_centre             pg_catalog.text,
    source                   pg_catalog.text,
    builtin                  pg_catalog.bool NOT NULL DEFAULT false,
    PRIMARY KEY (kommunenr, valid_from),
    CONSTRAINT municipality_validity_order CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>=) valid_from)
);
COMMENT ON TABLE @extschema@.municipality IS
    'kommune (municipality) with validity dates: a kommunenummer is unique only together with a date (SSB KLASS 131); versions of one code never overlap';
COMMENT ON COLUMN @extschema@.municipality.kommunenr IS 'kommunenummer valid from valid_from to valid_to';
COMMENT ON COLUMN @extschema@.municipality.valid_from IS 'gyldig fra: first day this code had this name and extent';
COMMENT ON COLUMN @extschema@.municipality.valid_to IS 'gyldig til: last day; NULL while valid';
COMMENT ON COLUMN @extschema@.municipality.name IS 'kommunenavn: the name (Norwegian form where the source gives several)';
COMMENT ON COLUMN @extschema@.municipality.fylkenr IS 'fylkesnummer of the county the municipality belonged to in this version';
COMMENT ON COLUMN @extschema@.municipality.population IS 'folkemengde: population at population_date, where the register file gives it (SSB 07459)';
COMMENT ON COLUMN @extschema@.municipality.population_date IS 'the date population was counted';
COMMENT ON COLUMN @extschema@.municipality.official_name IS 'offisielt navn: the full official name with Sami/Kven forms (SSB KLASS 131)';
COMMENT ON COLUMN @extschema@.municipality.other_official_names IS 'other official name forms the source lists';
COMMENT ON COLUMN @extschema@.municipality.admin_centre IS 'administrasjonssenter: the administrative centre';
COMMENT ON COLUMN @extschema@.municipality.source IS 'where the row comes from';
COMMENT ON COLUMN @extschema@.municipality.builtin IS 'shipped with the extension and not edited (only 9999 Uoppgitt); not dumped by pg_dump; an edited built-in row becomes a user row';

CREATE TABLE @extschema@.kommunenr_change (
    valid_from               pg_catalog.date NOT NULL,
    old_kommunenr            @extschema@.kommunenr NOT NULL,
    old_name                 pg_catalog.text,
    new_kommunenr            @extschema@.kommunenr NOT NULL,
    new_name                 pg_catalog.text,
    note                     pg_catalog.text,
    source                   pg_catalog.text,
    PRIMARY KEY (valid_from, old_kommunenr, new_kommunenr)
);
CREATE INDEX kommunenr_change_old_idx ON @extschema@.kommunenr_change (old_kommunenr, valid_from);
COMMENT ON TABLE @extschema@.kommunenr_change IS
    'kommuneendring: one edge of SSB KLASS 131''s change history (renumbering, merger, split, name change); a split has one row per successor';
COMMENT ON COLUMN @extschema@.kommunenr_change.valid_from IS 'the day the change took effect (gyldig fra)';
COMMENT ON COLUMN @extschema@.kommunenr_change.old_kommunenr IS 'the code before the change';
COMMENT ON COLUMN @extschema@.kommunenr_change.old_name IS 'the name before the change';
COMMENT ON COLUMN @extschema@.kommunenr_change.new_kommunenr IS 'a code after the change (one of several for a split)';
COMMENT ON COLUMN @extschema@.kommunenr_change.new_name IS 'the name after the change';
COMMENT ON COLUMN @extschema@.kommunenr_change.note IS 'what kind of change (merger, split, renumbering, name change)';
COMMENT ON COLUMN @extschema@.kommunenr_change.source IS 'where the edge comes from';

CREATE TABLE @extschema@.decision (
    year                     pg_catalog.int4 NOT NULL
        CONSTRAINT decision_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    kommunenr                @extschema@.kommunenr NOT NULL,
    kommune_name             pg_catalog.text,
    kommunenr_2024           @extschema@.kommunenr,
    kommunenr_in_source      @extschema@.kommunenr,
    requested                pg_catalog.int4,
    requested_flag           pg_catalog.text,
    requested_original       pg_catalog.int4,
    requested_original_flag  pg_catalog.text,
    decided                  pg_catalog.int4,
    decided_flag             pg_catalog.text,
    requested_em             pg_catalog.int4,
    requested_em_flag        pg_catalog.text,
    decided_em               pg_catalog.int4,
    decided_em_flag          pg_catalog.text,
    settled                  pg_catalog.int4,
    settled_flag             pg_catalog.text,
    settled_is_full_year     pg_catalog.bool,
    settled_collective_protection      pg_catalog.int4,
    settled_collective_protection_flag pg_catalog.text,
    settled_em               pg_catalog.int4,
    settled_em_flag          pg_catalog.text,
    source                   pg_catalog.text,
    PRIMARY KEY (year, kommunenr),
    CONSTRAINT decision_counts_nonnegative CHECK (
        requested OPERATOR(pg_catalog.>=) 0 AND requested_original OPERATOR(pg_catalog.>=) 0
        AND decided OPERATOR(pg_catalog.>=) 0 AND requested_em OPERATOR(pg_catalog.>=) 0
        AND decided_em OPERATOR(pg_catalog.>=) 0 AND settled OPERATOR(pg_catalog.>=) 0
        AND settled_collective_protection OPERATOR(pg_catalog.>=) 0 AND settled_em OPERATOR(pg_catalog.>=) 0),
    -- A flag is one of the data README's; with a value present only
    -- 'lower_bound' makes sense, and 'lower_bound' needs a value.
    CONSTRAINT decision_flags_known CHECK (
        pg_catalog.array_remove(ARRAY[requested_flag, requested_original_flag, decided_flag,
              requested_em_flag, decided_em_flag, settled_flag,
              settled_collective_protection_flag, settled_em_flag], NULL)
        OPERATOR(pg_catalog.<@) ARRAY['suppressed', 'missing', 'awaiting_decision',
              'not_requested', 'lower_bound', 'blank_in_source']::pg_catalog.text[]),
    CONSTRAINT decision_flags_fit_values CHECK (
        (requested_flag IS NULL OR (requested IS NULL) OPERATOR(pg_catalog.<>) (requested_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (requested_original_flag IS NULL OR (requested_original IS NULL) OPERATOR(pg_catalog.<>) (requested_original_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (decided_flag IS NULL OR (decided IS NULL) OPERATOR(pg_catalog.<>) (decided_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (requested_em_flag IS NULL OR (requested_em IS NULL) OPERATOR(pg_catalog.<>) (requested_em_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (decided_em_flag IS NULL OR (decided_em IS NULL) OPERATOR(pg_catalog.<>) (decided_em_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (settled_flag IS NULL OR (settled IS NULL) OPERATOR(pg_catalog.<>) (settled_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (settled_collective_protection_flag IS NULL OR (settled_collective_protection IS NULL) OPERATOR(pg_catalog.<>) (settled_collective_protection_flag OPERATOR(pg_catalog.=) 'lower_bound'))
        AND (settled_em_flag IS NULL OR (settled_em IS NULL) OPERATOR(pg_catalog.<>) (settled_em_flag OPERATOR(pg_catalog.=) 'lower_bound')))
);
COMMENT ON TABLE @extschema@.decision IS
    'anmodning og vedtak: per municipality and year, what IMDi requested, what the council decided (vedtak, with unaccompanied minors separately) and what IMDi reports as settled; NULL + flag where the source suppressed or lacked a value';
COMMENT ON COLUMN @extschema@.decision.year IS 'the settlement year (bosettingsår)';
COMMENT ON COLUMN @extschema@.decision.kommunenr IS 'kommunenummer valid in that year';
COMMENT ON COLUMN @extschema@.decision.kommune_name IS 'the municipality name as the source printed it';
COMMENT ON COLUMN @extschema@.decision.kommunenr_2024 IS 'crosswalk to the 2024 code, where the source gives one (2020 onwards)';
COMMENT ON COLUMN @extschema@.decision.kommunenr_in_source IS 'the code the source printed when it was no longer valid in the year (IMDi lists Trøndelag 2018-2019 under 16xx/17xx codes); kommunenr is then its only successor valid in the year';
COMMENT ON COLUMN @extschema@.decision.requested IS 'anmodning: persons IMDi asked the municipality to settle (the adjusted request when it was revised during the year)';
COMMENT ON COLUMN @extschema@.decision.requested_flag IS 'why requested is empty (suppressed, missing, awaiting_decision, not_requested, blank_in_source) or lower_bound';
COMMENT ON COLUMN @extschema@.decision.requested_original IS 'opprinnelig anmodning: the first request, when it was later revised';
COMMENT ON COLUMN @extschema@.decision.requested_original_flag IS 'flag of requested_original';
COMMENT ON COLUMN @extschema@.decision.decided IS 'vedtak: persons the municipal council decided to settle; bookings consume it';
COMMENT ON COLUMN @extschema@.decision.decided_flag IS 'flag of decided';
COMMENT ON COLUMN @extschema@.decision.requested_em IS 'anmodning enslige mindreårige: unaccompanied minors requested';
COMMENT ON COLUMN @extschema@.decision.requested_em_flag IS 'flag of requested_em';
COMMENT ON COLUMN @extschema@.decision.decided_em IS 'vedtak enslige mindreårige: unaccompanied minors decided (a part of decided); bookings of minors consume it';
COMMENT ON COLUMN @extschema@.decision.decided_em_flag IS 'flag of decided_em';
COMMENT ON COLUMN @extschema@.decision.settled IS 'bosatte: persons IMDi reports as settled in the year (for years without person rows)';
COMMENT ON COLUMN @extschema@.decision.settled_flag IS 'flag of settled (lower_bound: leaves out suppressed subgroups)';
COMMENT ON COLUMN @extschema@.decision.settled_is_full_year IS 'whether settled covers the whole year';
COMMENT ON COLUMN @extschema@.decision.settled_collective_protection IS 'bosatte med kollektiv beskyttelse: settled persons with temporary collective protection (Ukrainians)';
COMMENT ON COLUMN @extschema@.decision.settled_collective_protection_flag IS 'flag of settled_collective_protection';
COMMENT ON COLUMN @extschema@.decision.settled_em IS 'bosatte enslige mindreårige: unaccompanied minors settled';
COMMENT ON COLUMN @extschema@.decision.settled_em_flag IS 'flag of settled_em';
COMMENT ON COLUMN @extschema@.decision.source IS 'which source supplied which measure';

CREATE TABLE @extschema@.household (
    household_id             pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year                     pg_catalog.int4 NOT NULL
        CONSTRAINT household_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    reception_kommunenr      @extschema@.kommunenr,
    permit_date              pg_catalog.date,
    connection_kommunenr     @extschema@.kommunenr,
    synthetic_seed           pg_catalog.int8,
    note                     pg_catalog.text,
    created_at               pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX household_year_idx ON @extschema@.household (year);
COMMENT ON TABLE @extschema@.household IS
    'husstand: persons who are settled together (a case); the unit a settlement places';
COMMENT ON COLUMN @extschema@.household.household_id IS 'the household''s number';
COMMENT ON COLUMN @extschema@.household.year IS 'the settlement year the household waits for';
COMMENT ON COLUMN @extschema@.household.reception_kommunenr IS 'kommune of the asylum reception centre (mottak) the household lives in; NULL for resettlement refugees abroad';
COMMENT ON COLUMN @extschema@.household.permit_date IS 'vedtak om opphold: the day the residence permit was granted (the 6- and 3-month settlement targets run from it)';
COMMENT ON COLUMN @extschema@.household.connection_kommunenr IS 'tilknytning: a municipality the household has family or other ties to, if any';
COMMENT ON COLUMN @extschema@.household.synthetic_seed IS 'the seed of generate_population() for synthetic households; NULL for real ones';
COMMENT ON COLUMN @extschema@.household.note IS 'free text';
COMMENT ON COLUMN @extschema@.household.created_at IS 'when the row was inserted';

CREATE TABLE @extschema@.person (
    person_id                pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id             pg_catalog.int8 NOT NULL REFERENCES @extschema@.household,
    fnr                      @extschema@.fnr UNIQUE,
    dufnr                    @extschema@.dufnr UNIQUE,
    birth_date               pg_catalog.date NOT NULL,
    legal_sex                pg_catalog.text NOT NULL
        CONSTRAINT person_legal_sex_known CHECK (legal_sex OPERATOR(pg_catalog.=) ANY (ARRAY['female', 'male'])),
    category                 pg_catalog.text NOT NULL
        CONSTRAINT person_category_known CHECK (category OPERATOR(pg_catalog.=) ANY (ARRAY['asylum', 'resettlement', 'collective_protection', 'family_reunification'])),
    unaccompanied_minor      pg_catalog.bool NOT NULL DEFAULT false,
    needs                    pg_catalog.text[] NOT NULL DEFAULT '{}',
    CONSTRAINT person_identified CHECK (fnr IS NOT NULL OR dufnr IS NOT NULL)
);
CREATE INDEX person_household_idx ON @extschema@.person (household_id);
COMMENT ON TABLE @extschema@.person IS
    'person: a refugee to be settled, identified by fødselsnummer and/or DUF number, in one household';
COMMENT ON COLUMN @extschema@.person.person_id IS 'the person''s row number';
COMMENT ON COLUMN @extschema@.person.household_id IS 'the household (husstand) the person is settled with';
COMMENT ON COLUMN @extschema@.person.fnr IS 'fødselsnummer or D-nummer (synthetic numbers for test data), if assigned';
COMMENT ON COLUMN @extschema@.person.dufnr IS 'DUF-nummer: UDI''s case number, if any';
COMMENT ON COLUMN @extschema@.person.birth_date IS 'fødselsdato';
COMMENT ON COLUMN @extschema@.person.legal_sex IS 'juridisk kjønn: female or male, as in the population register';
COMMENT ON COLUMN @extschema@.person.category IS 'grunnlag: asylum (from reception), resettlement (overføringsflyktning, quota), collective_protection (kollektiv beskyttelse), family_reunification (familiegjenforening)';
COMMENT ON COLUMN @extschema@.person.unaccompanied_minor IS 'enslig mindreårig (EM): came without parents and was under 18 at the permit; consumes decision.decided_em';
COMMENT ON COLUMN @extschema@.person.needs IS 'behov: special needs, e.g. {wheelchair, specialist_health}';

CREATE TABLE @extschema@.household_need (
    household_id             pg_catalog.int8 NOT NULL REFERENCES @extschema@.household,
    dimension                pg_catalog.text NOT NULL
        CONSTRAINT household_need_dimension_format CHECK (dimension OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    amount                   pg_catalog.int4 NOT NULL
        CONSTRAINT household_need_amount_positive CHECK (amount OPERATOR(pg_catalog.>) 0),
    PRIMARY KEY (household_id, dimension)
);
COMMENT ON TABLE @extschema@.household_need IS
    'behov: how much of an extra capacity dimension (dwelling size, kindergarten places, ...) a household needs; a booking consumes it from capacity';
COMMENT ON COLUMN @extschema@.household_need.household_id IS 'the household';
COMMENT ON COLUMN @extschema@.household_need.dimension IS 'the capacity dimension, e.g. dwelling_3_rooms, kindergarten (lower case, digits, underscores)';
COMMENT ON COLUMN @extschema@.household_need.amount IS 'units of the dimension needed (at least 1)';

CREATE TABLE @extschema@.settlement (
    settlement_id            pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id             pg_catalog.int8 NOT NULL REFERENCES @extschema@.household,
    year                     pg_catalog.int4 NOT NULL
        CONSTRAINT settlement_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    kommunenr                @extschema@.kommunenr NOT NULL,
    status                   pg_catalog.text NOT NULL DEFAULT 'proposed'
        CONSTRAINT settlement_status_known CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['proposed', 'accepted', 'settled', 'withdrawn'])),
    settled_on               pg_catalog.date,
    changed_at               pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by               pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
CREATE UNIQUE INDEX settlement_one_active_per_household
    ON @extschema@.settlement (household_id) WHERE status OPERATOR(pg_catalog.<>) 'withdrawn';
CREATE INDEX settlement_year_kommunenr_idx ON @extschema@.settlement (year, kommunenr);
COMMENT ON TABLE @extschema@.settlement IS
    'bosetting: a household placed in a municipality for a year, proposed (foreslått) -> accepted (akseptert) -> settled (bosatt), or withdrawn (trukket); at most one non-withdrawn row per household';
COMMENT ON COLUMN @extschema@.settlement.settlement_id IS 'the settlement''s number';
COMMENT ON COLUMN @extschema@.settlement.household_id IS 'the household placed';
COMMENT ON COLUMN @extschema@.settlement.year IS 'the settlement year whose decision (vedtak) it counts against';
COMMENT ON COLUMN @extschema@.settlement.kommunenr IS 'the settlement municipality (bosettingskommune)';
COMMENT ON COLUMN @extschema@.settlement.status IS 'proposed, accepted, settled or withdrawn; status only moves forward and withdrawn is final';
COMMENT ON COLUMN @extschema@.settlement.settled_on IS 'bosettingsdato: the day the household moved in, once known; it falls in the settlement year (23514 otherwise)';
COMMENT ON COLUMN @extschema@.settlement.changed_at IS 'when the row last changed (the transaction time, set by the trigger)';
COMMENT ON COLUMN @extschema@.settlement.changed_by IS 'the role that changed it last (current_user, set by the trigger; a value given is replaced)';

CREATE TABLE @extschema@.settlement_history (
    history_id               pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    settlement_id            pg_catalog.int8 NOT NULL,
    household_id             pg_catalog.int8 NOT NULL,
    operation                pg_catalog.text NOT NULL
        CONSTRAINT settlement_history_operation_known CHECK (operation OPERATOR(pg_catalog.=) ANY (ARRAY['INSERT', 'UPDATE', 'DELETE'])),
    from_status              pg_catalog.text,
    to_status                pg_catalog.text,
    from_kommunenr           @extschema@.kommunenr,
    to_kommunenr             @extschema@.kommunenr,
    from_year                pg_catalog.int4,
    to_year                  pg_catalog.int4,
    changed_at               pg_catalog.timestamptz NOT NULL,
    changed_by               pg_catalog.text NOT NULL,
    from_settled_on          pg_catalog.date,
    to_settled_on            pg_catalog.date,
    login                    pg_catalog.text
);
CREATE INDEX settlement_history_settlement_idx ON @extschema@.settlement_history (settlement_id, history_id);
COMMENT ON TABLE @extschema@.settlement_history IS
    'bosettingshistorikk: every insert, status change, move, change of settled_on and delete of a settlement, written only by the extension''s trigger (a deleted settlement keeps its history; to_* are NULL)';
COMMENT ON COLUMN @extschema@.settlement_history.history_id IS 'order of the changes';
COMMENT ON COLUMN @extschema@.settlement_history.settlement_id IS 'the settlement changed (kept after a delete, so no foreign key)';
COMMENT ON COLUMN @extschema@.settlement_history.household_id IS 'the household of the settlement';
COMMENT ON COLUMN @extschema@.settlement_history.operation IS 'INSERT, UPDATE or DELETE';
COMMENT ON COLUMN @extschema@.settlement_history.from_status IS 'status before (NULL for an insert)';
COMMENT ON COLUMN @extschema@.settlement_history.to_status IS 'status after (NULL for a delete)';
COMMENT ON COLUMN @extschema@.settlement_history.from_kommunenr IS 'municipality before';
COMMENT ON COLUMN @extschema@.settlement_history.to_kommunenr IS 'municipality after';
COMMENT ON COLUMN @extschema@.settlement_history.from_year IS 'year before';
COMMENT ON COLUMN @extschema@.settlement_history.to_year IS 'year after';
COMMENT ON COLUMN @extschema@.settlement_history.changed_at IS 'when (the transaction''s start time, now())';
COMMENT ON COLUMN @extschema@.settlement_history.changed_by IS 'the role that made the change (current_user when it was made, also inside a SECURITY DEFINER function); never a value the caller supplies';
COMMENT ON COLUMN @extschema@.settlement_history.from_settled_on IS 'settled_on before';
COMMENT ON COLUMN @extschema@.settlement_history.to_settled_on IS 'settled_on after';
COMMENT ON COLUMN @extschema@.settlement_history.login IS 'the login (session_user) of the session that made the change; NULL in rows written by version 0.1';

CREATE TABLE @extschema@.capacity (
    year                     pg_catalog.int4 NOT NULL
        CONSTRAINT capacity_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    kommunenr                @extschema@.kommunenr NOT NULL,
    dimension                pg_catalog.text NOT NULL
        CONSTRAINT capacity_dimension_format CHECK (dimension OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    amount                   pg_catalog.int4 NOT NULL
        CONSTRAINT capacity_amount_nonnegative CHECK (amount OPERATOR(pg_catalog.>=) 0),
    source                   pg_catalog.text,
    PRIMARY KEY (year, kommunenr, dimension)
);
COMMENT ON TABLE @extschema@.capacity IS
    'kapasitet: extra capacity dimensions a municipality offers for a year beyond its vedtak (dwellings by size, kindergarten places, ...)';
COMMENT ON COLUMN @extschema@.capacity.year IS 'the settlement year';
COMMENT ON COLUMN @extschema@.capacity.kommunenr IS 'kommunenummer valid in that year';
COMMENT ON COLUMN @extschema@.capacity.dimension IS 'the dimension, named as in household_need.dimension';
COMMENT ON COLUMN @extschema@.capacity.amount IS 'units available in the year (at least 0)';
COMMENT ON COLUMN @extschema@.capacity.source IS 'where the number comes from';

CREATE TABLE @extschema@.indicator (
    year                     pg_catalog.int4 NOT NULL
        CONSTRAINT indicator_year_range CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    kommunenr                @extschema@.kommunenr NOT NULL,
    name                     pg_catalog.text NOT NULL
        CONSTRAINT indicator_name_format CHECK (name OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    value                    pg_catalog.numeric NOT NULL,
    source                   pg_catalog.text,
    PRIMARY KEY (year, kommunenr, name)
);
COMMENT ON TABLE @extschema@.indicator IS
    'indikator: one figure per municipality, year and name in long format (population, immigrants, employment, ...), the input of the request models';
COMMENT ON COLUMN @extschema@.indicator.year IS 'the year the figure describes (population: the year whose 1 January it was counted)';
COMMENT ON COLUMN @extschema@.indicator.kommunenr IS 'kommunenummer valid in that year';
COMMENT ON COLUMN @extschema@.indicator.name IS 'the indicator, e.g. population (folkemengde 1. januar)';
COMMENT ON COLUMN @extschema@.indicator.value IS 'the value';
COMMENT ON COLUMN @extschema@.indicator.source IS 'where the value comes from';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.county', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kommunenr_change', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.household', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.household_need', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement_history', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.capacity', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.household_household_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_person_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement_settlement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement_history_history_id_seq', '');
