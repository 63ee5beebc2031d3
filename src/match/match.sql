-- match.sql: household matching (utsøking) over the register: the score of a
-- household in a municipality, match_households() and propose_matches().
-- The score components and their defaults are documented in doc/match.md.

CREATE FUNCTION @extschema@.score_matrix(items pg_catalog.int4, bins pg_catalog.int4,
    base pg_catalog.float8[], bonus_item pg_catalog.int4[], bonus_bin pg_catalog.int4[],
    bonus pg_catalog.float8[])
RETURNS pg_catalog.float8[]
AS 'MODULE_PATHNAME', 'bosetting_score_matrix'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.score_matrix(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8[], pg_catalog.int4[], pg_catalog.int4[], pg_catalog.float8[]) IS
    'an items × bins score array for solve_assignment: row i is base[i] (NULL: the whole row forbidden), plus bonus[x] at (bonus_item[x], bonus_bin[x]); a NULL bonus forbids that pair';

CREATE FUNCTION @extschema@.fit_counts(demand pg_catalog.int4[], capacity pg_catalog.int4[],
    dims pg_catalog.int4[] DEFAULT '{}')
RETURNS pg_catalog.int4[]
AS 'MODULE_PATHNAME', 'bosetting_fit_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fit_counts(pg_catalog.int4[], pg_catalog.int4[], pg_catalog.int4[]) IS
    'for each item of demand (items × dimensions), the number of bins of capacity (bins × dimensions) it fits in on the given dimensions (1-based; empty = all): used to explain unplaced households';

CREATE TABLE @extschema@.outcome_score (
    household_id pg_catalog.int8 NOT NULL,
    kommunenr    @extschema@.kommunenr NOT NULL,
    score        pg_catalog.float8
        CONSTRAINT outcome_score_finite CHECK (score OPERATOR(pg_catalog.<>) 'NaN'::pg_catalog.float8
            AND score OPERATOR(pg_catalog.<>) 'Infinity'::pg_catalog.float8
            AND score OPERATOR(pg_catalog.<>) '-Infinity'::pg_catalog.float8),
    model        pg_catalog.text,
    PRIMARY KEY (household_id, kommunenr)
);
COMMENT ON TABLE @extschema@.outcome_score IS
    'forventet utfall: a user-supplied predicted outcome (e.g. the probability of work or education after some years, as in GeoMatch) of a household in a municipality; match_households adds weight "outcome" × score; a NULL score forbids the pair (veto)';
COMMENT ON COLUMN @extschema@.outcome_score.household_id IS 'the household (household.household_id; no foreign key, so that the register tables can be truncated and reloaded)';
COMMENT ON COLUMN @extschema@.outcome_score.kommunenr IS 'the municipality';
COMMENT ON COLUMN @extschema@.outcome_score.score IS 'the predicted outcome (any finite scale; 0-1 suits the default weights); NULL = the household must not be placed there';
COMMENT ON COLUMN @extschema@.outcome_score.model IS 'which model or version produced the score (for the audit trail)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.outcome_score', '');

CREATE TABLE @extschema@.match_proposal (
    settlement_id pg_catalog.int8 PRIMARY KEY,
    household_id  pg_catalog.int8 NOT NULL,
    year          pg_catalog.int4 NOT NULL,
    kommunenr     @extschema@.kommunenr NOT NULL,
    score         pg_catalog.float8 NOT NULL,
    components    pg_catalog.jsonb NOT NULL,
    options       pg_catalog.jsonb NOT NULL,
    proposed_at   pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
    proposed_by   pg_catalog.text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE @extschema@.match_proposal IS
    'forslag: why propose_matches() proposed a settlement: its score, the additive components and the options (weights, seed) of the run';
COMMENT ON COLUMN @extschema@.match_proposal.settlement_id IS 'the proposed settlement (kept after the settlement is deleted, like settlement_history, so no foreign key)';
COMMENT ON COLUMN @extschema@.match_proposal.household_id IS 'the household';
COMMENT ON COLUMN @extschema@.match_proposal.year IS 'the settlement year';
COMMENT ON COLUMN @extschema@.match_proposal.kommunenr IS 'the proposed municipality';
COMMENT ON COLUMN @extschema@.match_proposal.score IS 'the total score (the sum of the components)';
COMMENT ON COLUMN @extschema@.match_proposal.components IS 'the score components and their inputs, as match_households() returned them';
COMMENT ON COLUMN @extschema@.match_proposal.options IS 'the options of the run (weights, as_of, seed), defaults filled in';
COMMENT ON COLUMN @extschema@.match_proposal.proposed_at IS 'when';
COMMENT ON COLUMN @extschema@.match_proposal.proposed_by IS 'by whom';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.match_proposal', '');
