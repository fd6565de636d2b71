-- OpenGov database schema. Bump SchemaVersion in DatabaseFile.cs whenever this file changes:
-- a database of another schema version is rebuilt (sample) or refused (import).
-- Write each CREATE INDEX on one line: DatabaseFile.Build runs those lines after the rows are in.
--
-- Text that OGP publishes in several languages has one column per language (_en, _fr, _es);
-- source_lang says which language the publisher wrote it in, the fallback when a language is missing.
-- Ids are the publisher's own and compare without case (uk0075 = UK0075).
-- A rating column holds a value of its IRM scale; the matching _missing column says why there is
-- none (no_data, not_reviewed, not_applicable, blank). A CHECK keeps exactly one of them set.

PRAGMA foreign_keys = ON;

CREATE TABLE dataset_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE member (
    id           TEXT PRIMARY KEY COLLATE NOCASE,
    name_en      TEXT NOT NULL,
    name_fr      TEXT,
    name_es      TEXT,
    source_lang  TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    iso3         TEXT COLLATE NOCASE,
    -- OGP's name of the region ("Africa and the Middle East"), and its id: the slug of the name
    -- (africa-and-the-middle-east), derived by Derived.cs, which the region filter and facets take.
    region       TEXT COLLATE NOCASE,
    region_id    TEXT COLLATE NOCASE,
    kind         TEXT NOT NULL CHECK (kind IN ('national', 'local')),
    url          TEXT,
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX member_region ON member (region_id, id);
CREATE INDEX member_kind ON member (kind, id);
CREATE INDEX member_iso3 ON member (iso3, id);

CREATE TABLE action_plan (
    id           TEXT PRIMARY KEY COLLATE NOCASE,
    member_id    TEXT NOT NULL COLLATE NOCASE REFERENCES member (id),
    number       INTEGER,
    title_en     TEXT,
    title_fr     TEXT,
    title_es     TEXT,
    source_lang  TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    -- 1 where the publisher gave no title and the import made one from the member, number and years.
    title_made   INTEGER NOT NULL DEFAULT 0 CHECK (title_made IN (0, 1)),
    cycle        INTEGER,
    start_year   INTEGER,
    end_year     INTEGER,
    status       TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    url          TEXT,
    illustrative INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX action_plan_member ON action_plan (member_id, id);
CREATE INDEX action_plan_status ON action_plan (status, id);
CREATE INDEX action_plan_cycle ON action_plan (cycle, id);

CREATE TABLE institution (
    id          TEXT PRIMARY KEY COLLATE NOCASE,
    name_en     TEXT,
    name_fr     TEXT,
    name_es     TEXT,
    source_lang TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    -- The other spellings the source gave the same institution, as a JSON array; null where none.
    aliases     TEXT,
    -- 1 for an international body (the World Bank, UNDP), one record for every member whose plans
    -- name it; 0 for a member's own body: a name such as "Parliament" is one institution per member.
    international INTEGER NOT NULL DEFAULT 0 CHECK (international IN (0, 1))
) WITHOUT ROWID;

-- The members whose commitments an institution leads or supports: one for a member's own body, one
-- or more for an international one. Derived from the links (Derived.cs), so it always agrees with them.
CREATE TABLE institution_member (
    institution_id TEXT NOT NULL COLLATE NOCASE REFERENCES institution (id),
    member_id      TEXT NOT NULL COLLATE NOCASE REFERENCES member (id),
    PRIMARY KEY (institution_id, member_id)
) WITHOUT ROWID;
CREATE INDEX institution_member_by_member ON institution_member (member_id, institution_id);

-- Ids institutions had before: an institution of an earlier schema whose name several members used
-- ("parliament") is one institution per member now (kenya-parliament, ghana-parliament...). Its old
-- id stays a way to reach them (/v1/institutions/{id} redirects, filters take it): one row per
-- institution the old id now stands for.
CREATE TABLE institution_former_id (
    former_id      TEXT NOT NULL COLLATE NOCASE,
    institution_id TEXT NOT NULL COLLATE NOCASE REFERENCES institution (id),
    PRIMARY KEY (former_id, institution_id)
) WITHOUT ROWID;

CREATE TABLE policy_area (
    id          TEXT PRIMARY KEY COLLATE NOCASE,
    name_en     TEXT NOT NULL,
    name_fr     TEXT,
    name_es     TEXT,
    source_lang TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es'))
) WITHOUT ROWID;

-- A rowid table: its rows hold long texts, which WITHOUT ROWID tables store badly.
CREATE TABLE commitment (
    id                 TEXT PRIMARY KEY COLLATE NOCASE,
    action_plan_id     TEXT NOT NULL COLLATE NOCASE REFERENCES action_plan (id),
    -- Copied from the plan so that the most common filter needs no join; the loader keeps them equal.
    member_id          TEXT NOT NULL COLLATE NOCASE REFERENCES member (id),
    number             TEXT,
    source_lang        TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    title_en           TEXT, title_fr TEXT, title_es TEXT,
    short_title_en     TEXT, short_title_fr TEXT, short_title_es TEXT,
    commitment_text_en TEXT, commitment_text_fr TEXT, commitment_text_es TEXT,
    objective_en       TEXT, objective_fr TEXT, objective_es TEXT,
    status_quo_en      TEXT, status_quo_fr TEXT, status_quo_es TEXT,
    ambition_en        TEXT, ambition_fr TEXT, ambition_es TEXT,
    full_text_en       TEXT, full_text_fr TEXT, full_text_es TEXT,
    status             TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    theme              TEXT,
    -- ISO 8601 at the precision the publisher gave: 2016, 2016-05 or 2016-05-01.
    start_date         TEXT,
    end_date           TEXT,
    -- The publisher's text of a date that is not a calendar date at any precision (e.g. "Quarter 1 2014",
    -- "Underway"), set only where start_date / end_date is NULL because of it.
    start_date_raw     TEXT,
    end_date_raw       TEXT,
    -- The first and last day a date may mean ('' where none was given): what date filters and sorts compare.
    start_date_lo TEXT GENERATED ALWAYS AS (CASE WHEN start_date GLOB '[0-9][0-9][0-9][0-9]' THEN start_date || '-01-01' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN start_date || '-01' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN start_date ELSE '' END) VIRTUAL,
    start_date_hi TEXT GENERATED ALWAYS AS (CASE WHEN start_date GLOB '[0-9][0-9][0-9][0-9]' THEN start_date || '-12-31' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(start_date || '-01', '+1 month', '-1 day') WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN start_date ELSE '' END) VIRTUAL,
    end_date_lo TEXT GENERATED ALWAYS AS (CASE WHEN end_date GLOB '[0-9][0-9][0-9][0-9]' THEN end_date || '-01-01' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN end_date || '-01' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN end_date ELSE '' END) VIRTUAL,
    end_date_hi TEXT GENERATED ALWAYS AS (CASE WHEN end_date GLOB '[0-9][0-9][0-9][0-9]' THEN end_date || '-12-31' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(end_date || '-01', '+1 month', '-1 day') WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN end_date ELSE '' END) VIRTUAL,
    url                TEXT,
    illustrative       INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1))
);

-- What /v1/commitments filters and sorts by, one narrow row per commitment, derived by Derived.cs
-- once everything is loaded: the commitment's own scalars, and summaries of its IRM ratings (the
-- latest stage's value, else the latest reason it is missing, else '' for never assessed). Lists
-- scan and count this table and its indexes, and touch the wide commitment rows only for the page.
CREATE TABLE commitment_filter (
    commitment_id  TEXT PRIMARY KEY COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    member_id      TEXT NOT NULL COLLATE NOCASE,
    action_plan_id TEXT NOT NULL COLLATE NOCASE,
    status         TEXT NOT NULL,
    start_date_lo  TEXT NOT NULL,
    start_date_hi  TEXT NOT NULL,
    end_date_lo    TEXT NOT NULL,
    end_date_hi    TEXT NOT NULL,
    completion TEXT NOT NULL,
    completion_midterm TEXT NOT NULL,
    completion_end_of_term TEXT NOT NULL,
    starred TEXT NOT NULL,
    verifiable TEXT NOT NULL,
    specificity TEXT NOT NULL,
    potential_impact TEXT NOT NULL,
    ambition TEXT NOT NULL,
    diog TEXT NOT NULL,
    early_results TEXT NOT NULL,
    carried_forward TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX commitment_filter_member ON commitment_filter (member_id, commitment_id);
-- A member's commitments by status, the pair of filters a dashboard asks for most: counted and paged from this index alone.
CREATE INDEX commitment_filter_member_status ON commitment_filter (member_id, status, commitment_id);
CREATE INDEX commitment_filter_action_plan ON commitment_filter (action_plan_id, commitment_id);
CREATE INDEX commitment_filter_status ON commitment_filter (status, commitment_id);
CREATE INDEX commitment_filter_start_date ON commitment_filter (start_date_lo, start_date_hi, commitment_id);
CREATE INDEX commitment_filter_end_date ON commitment_filter (end_date_lo, end_date_hi, commitment_id);
CREATE INDEX commitment_filter_completion ON commitment_filter (completion, commitment_id);
CREATE INDEX commitment_filter_completion_midterm ON commitment_filter (completion_midterm, commitment_id);
CREATE INDEX commitment_filter_completion_end_of_term ON commitment_filter (completion_end_of_term, commitment_id);
CREATE INDEX commitment_filter_starred ON commitment_filter (starred, commitment_id);
CREATE INDEX commitment_filter_verifiable ON commitment_filter (verifiable, commitment_id);
CREATE INDEX commitment_filter_specificity ON commitment_filter (specificity, commitment_id);
CREATE INDEX commitment_filter_potential_impact ON commitment_filter (potential_impact, commitment_id);
CREATE INDEX commitment_filter_ambition ON commitment_filter (ambition, commitment_id);
CREATE INDEX commitment_filter_diog ON commitment_filter (diog, commitment_id);
CREATE INDEX commitment_filter_early_results ON commitment_filter (early_results, commitment_id);
CREATE INDEX commitment_filter_carried_forward ON commitment_filter (carried_forward, commitment_id);

-- How many commitments have each value of each filter of /v1/commitments, derived by Derived.cs once
-- the indexes are built: per value of a field (the field's SQL value, as its filter compares it), per
-- pair of first and last day for a date, and the total under field ''. A list with one filter takes
-- its exact total from here: the filter's own condition, evaluated over these rows, adds up the
-- commitments it matches, where counting them in an index reads up to a million entries.
CREATE TABLE commitment_count (
    field   TEXT NOT NULL,
    value   COLLATE NOCASE,
    date_lo TEXT,
    date_hi TEXT,
    n       INTEGER NOT NULL
);
CREATE INDEX commitment_count_field ON commitment_count (field, value);

CREATE TABLE commitment_institution (
    commitment_id  TEXT NOT NULL COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    institution_id TEXT NOT NULL COLLATE NOCASE REFERENCES institution (id),
    role           TEXT NOT NULL CHECK (role IN ('lead', 'supporting')),
    position       INTEGER NOT NULL,
    PRIMARY KEY (commitment_id, role, position)
) WITHOUT ROWID;
CREATE INDEX commitment_institution_by_institution ON commitment_institution (institution_id, commitment_id);

-- One role of the links, for the filters and facets lead_institution and supporting_institution of
-- /v1/commitments; and each link with its commitment's member, for the filters of /v1/institutions,
-- which hold together on one link (role=lead&member=kenya: institutions that lead a Kenyan commitment).
CREATE VIEW commitment_lead_institution AS
    SELECT commitment_id, institution_id FROM commitment_institution WHERE role = 'lead';
CREATE VIEW commitment_supporting_institution AS
    SELECT commitment_id, institution_id FROM commitment_institution WHERE role = 'supporting';
CREATE VIEW institution_link AS
    SELECT x.institution_id, x.commitment_id, x.role, f.member_id
    FROM commitment_institution x JOIN commitment_filter f ON f.commitment_id = x.commitment_id;

CREATE TABLE commitment_policy_area (
    commitment_id  TEXT NOT NULL COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    policy_area_id TEXT NOT NULL COLLATE NOCASE REFERENCES policy_area (id),
    PRIMARY KEY (commitment_id, policy_area_id)
) WITHOUT ROWID;
CREATE INDEX commitment_policy_area_by_area ON commitment_policy_area (policy_area_id, commitment_id);

CREATE TABLE milestone (
    commitment_id TEXT NOT NULL COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number > 0),
    source_lang   TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    text_en       TEXT, text_fr TEXT, text_es TEXT,
    start_date    TEXT,
    end_date      TEXT,
    start_date_lo TEXT GENERATED ALWAYS AS (CASE WHEN start_date GLOB '[0-9][0-9][0-9][0-9]' THEN start_date || '-01-01' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN start_date || '-01' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN start_date ELSE '' END) VIRTUAL,
    start_date_hi TEXT GENERATED ALWAYS AS (CASE WHEN start_date GLOB '[0-9][0-9][0-9][0-9]' THEN start_date || '-12-31' WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(start_date || '-01', '+1 month', '-1 day') WHEN start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN start_date ELSE '' END) VIRTUAL,
    end_date_lo TEXT GENERATED ALWAYS AS (CASE WHEN end_date GLOB '[0-9][0-9][0-9][0-9]' THEN end_date || '-01-01' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN end_date || '-01' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN end_date ELSE '' END) VIRTUAL,
    end_date_hi TEXT GENERATED ALWAYS AS (CASE WHEN end_date GLOB '[0-9][0-9][0-9][0-9]' THEN end_date || '-12-31' WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(end_date || '-01', '+1 month', '-1 day') WHEN end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN end_date ELSE '' END) VIRTUAL,
    PRIMARY KEY (commitment_id, number)
) WITHOUT ROWID;

CREATE TABLE irm_report (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    action_plan_id TEXT NOT NULL COLLATE NOCASE REFERENCES action_plan (id),
    kind           TEXT NOT NULL CHECK (kind IN ('design', 'midterm', 'end_of_term', 'results')),
    year           INTEGER,
    source_lang    TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    title_en       TEXT, title_fr TEXT, title_es TEXT,
    url            TEXT
) WITHOUT ROWID;
CREATE INDEX irm_report_action_plan ON irm_report (action_plan_id, id);
CREATE INDEX irm_report_kind ON irm_report (kind, id);
CREATE INDEX irm_report_year ON irm_report (year, id);

-- One row per commitment and IRM stage. A rating pair left entirely NULL means the stage does not
-- assess that rating (e.g. carried_forward at mid-term); the API then shows null, not a reason.
-- A rowid table: its rows hold long texts, which WITHOUT ROWID tables store badly.
-- Its CHECKs compare with = ... OR rather than IN (...): SQLite builds a temporary lookup table for
-- each IN list of three or more values in a CHECK on every row it writes, which made inserting the
-- 28 checks of a rating row several times slower than the rest of its insert.
CREATE TABLE irm_rating (
    commitment_id   TEXT NOT NULL COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    stage           TEXT NOT NULL CHECK (stage = 'design' OR stage = 'midterm' OR stage = 'end_of_term' OR stage = 'results'),
    -- The stages in the order the IRM assesses them, for listing ratings chronologically.
    stage_order     INTEGER GENERATED ALWAYS AS (CASE stage WHEN 'design' THEN 1 WHEN 'midterm' THEN 2 WHEN 'end_of_term' THEN 3 ELSE 4 END) VIRTUAL,
    irm_report_id   TEXT COLLATE NOCASE REFERENCES irm_report (id),
    source_lang     TEXT NOT NULL DEFAULT 'en' CHECK (source_lang = 'en' OR source_lang = 'fr' OR source_lang = 'es'),
    narrative_en    TEXT, narrative_fr TEXT, narrative_es TEXT,
    specificity TEXT CHECK (specificity = 'none' OR specificity = 'low' OR specificity = 'medium' OR specificity = 'high'),
    specificity_missing TEXT,
    verifiable TEXT CHECK (verifiable IN ('yes', 'no')),
    verifiable_missing TEXT,
    relevance_missing TEXT,
    potential_impact TEXT CHECK (potential_impact = 'none' OR potential_impact = 'minor' OR potential_impact = 'moderate' OR potential_impact = 'transformative'),
    potential_impact_missing TEXT,
    potential_for_results TEXT CHECK (potential_for_results = 'unclear' OR potential_for_results = 'modest' OR potential_for_results = 'substantial'),
    potential_for_results_missing TEXT,
    completion TEXT CHECK (completion = 'not_started' OR completion = 'limited' OR completion = 'substantial' OR completion = 'complete' OR completion = 'withdrawn' OR completion = 'unclear' OR completion = 'no_evidence'),
    completion_missing TEXT,
    starred INTEGER CHECK (starred IN (0, 1)),
    starred_missing TEXT,
    early_results TEXT CHECK (early_results = 'worsened' OR early_results = 'did_not_change' OR early_results = 'marginal' OR early_results = 'major' OR early_results = 'outstanding' OR early_results = 'no_notable_results' OR early_results = 'moderate' OR early_results = 'significant'),
    early_results_missing TEXT,
    diog TEXT CHECK (diog = 'worsened' OR diog = 'did_not_change' OR diog = 'marginal' OR diog = 'major' OR diog = 'outstanding' OR diog = 'no_early_results_yet'),
    diog_missing TEXT,
    diog_access_to_information TEXT CHECK (diog_access_to_information = 'worsened' OR diog_access_to_information = 'did_not_change' OR diog_access_to_information = 'marginal' OR diog_access_to_information = 'major' OR diog_access_to_information = 'outstanding' OR diog_access_to_information = 'no_early_results_yet'),
    diog_access_to_information_missing TEXT,
    diog_civic_participation TEXT CHECK (diog_civic_participation = 'worsened' OR diog_civic_participation = 'did_not_change' OR diog_civic_participation = 'marginal' OR diog_civic_participation = 'major' OR diog_civic_participation = 'outstanding' OR diog_civic_participation = 'no_early_results_yet'),
    diog_civic_participation_missing TEXT,
    diog_public_accountability TEXT CHECK (diog_public_accountability = 'worsened' OR diog_public_accountability = 'did_not_change' OR diog_public_accountability = 'marginal' OR diog_public_accountability = 'major' OR diog_public_accountability = 'outstanding' OR diog_public_accountability = 'no_early_results_yet'),
    diog_public_accountability_missing TEXT,
    diog_technology_and_innovation TEXT CHECK (diog_technology_and_innovation = 'worsened' OR diog_technology_and_innovation = 'did_not_change' OR diog_technology_and_innovation = 'marginal' OR diog_technology_and_innovation = 'major' OR diog_technology_and_innovation = 'outstanding' OR diog_technology_and_innovation = 'no_early_results_yet'),
    diog_technology_and_innovation_missing TEXT,
    carried_forward INTEGER CHECK (carried_forward IN (0, 1)),
    carried_forward_missing TEXT,
    PRIMARY KEY (commitment_id, stage),
    CHECK ((specificity_missing = 'no_data' OR specificity_missing = 'not_reviewed' OR specificity_missing = 'not_applicable' OR specificity_missing = 'blank') AND specificity IS NULL OR specificity_missing IS NULL),
    CHECK ((verifiable_missing = 'no_data' OR verifiable_missing = 'not_reviewed' OR verifiable_missing = 'not_applicable' OR verifiable_missing = 'blank') AND verifiable IS NULL OR verifiable_missing IS NULL),
    CHECK (relevance_missing IS NULL OR (relevance_missing = 'no_data' OR relevance_missing = 'not_reviewed' OR relevance_missing = 'not_applicable' OR relevance_missing = 'blank')),
    CHECK ((potential_impact_missing = 'no_data' OR potential_impact_missing = 'not_reviewed' OR potential_impact_missing = 'not_applicable' OR potential_impact_missing = 'blank') AND potential_impact IS NULL OR potential_impact_missing IS NULL),
    CHECK ((potential_for_results_missing = 'no_data' OR potential_for_results_missing = 'not_reviewed' OR potential_for_results_missing = 'not_applicable' OR potential_for_results_missing = 'blank') AND potential_for_results IS NULL OR potential_for_results_missing IS NULL),
    CHECK ((completion_missing = 'no_data' OR completion_missing = 'not_reviewed' OR completion_missing = 'not_applicable' OR completion_missing = 'blank') AND completion IS NULL OR completion_missing IS NULL),
    CHECK ((starred_missing = 'no_data' OR starred_missing = 'not_reviewed' OR starred_missing = 'not_applicable' OR starred_missing = 'blank') AND starred IS NULL OR starred_missing IS NULL),
    CHECK ((early_results_missing = 'no_data' OR early_results_missing = 'not_reviewed' OR early_results_missing = 'not_applicable' OR early_results_missing = 'blank') AND early_results IS NULL OR early_results_missing IS NULL),
    CHECK ((diog_missing = 'no_data' OR diog_missing = 'not_reviewed' OR diog_missing = 'not_applicable' OR diog_missing = 'blank') AND diog IS NULL OR diog_missing IS NULL),
    CHECK ((diog_access_to_information_missing = 'no_data' OR diog_access_to_information_missing = 'not_reviewed' OR diog_access_to_information_missing = 'not_applicable' OR diog_access_to_information_missing = 'blank') AND diog_access_to_information IS NULL OR diog_access_to_information_missing IS NULL),
    CHECK ((diog_civic_participation_missing = 'no_data' OR diog_civic_participation_missing = 'not_reviewed' OR diog_civic_participation_missing = 'not_applicable' OR diog_civic_participation_missing = 'blank') AND diog_civic_participation IS NULL OR diog_civic_participation_missing IS NULL),
    CHECK ((diog_public_accountability_missing = 'no_data' OR diog_public_accountability_missing = 'not_reviewed' OR diog_public_accountability_missing = 'not_applicable' OR diog_public_accountability_missing = 'blank') AND diog_public_accountability IS NULL OR diog_public_accountability_missing IS NULL),
    CHECK ((diog_technology_and_innovation_missing = 'no_data' OR diog_technology_and_innovation_missing = 'not_reviewed' OR diog_technology_and_innovation_missing = 'not_applicable' OR diog_technology_and_innovation_missing = 'blank') AND diog_technology_and_innovation IS NULL OR diog_technology_and_innovation_missing IS NULL),
    CHECK ((carried_forward_missing = 'no_data' OR carried_forward_missing = 'not_reviewed' OR carried_forward_missing = 'not_applicable' OR carried_forward_missing = 'blank') AND carried_forward IS NULL OR carried_forward_missing IS NULL)
);
CREATE INDEX irm_rating_stage ON irm_rating (stage, commitment_id);
-- The order ratings are listed in: by commitment, then stage as it happens.
CREATE INDEX irm_rating_order ON irm_rating (commitment_id, stage_order);
CREATE INDEX irm_rating_report ON irm_rating (irm_report_id, commitment_id);

-- The OGP values a stage found the commitment relevant to (the IRM's relevance rating).
CREATE TABLE irm_rating_ogp_value (
    commitment_id TEXT NOT NULL COLLATE NOCASE,
    stage         TEXT NOT NULL,
    ogp_value     TEXT NOT NULL CHECK (ogp_value IN ('access_to_information', 'civic_participation', 'public_accountability', 'technology_and_innovation')),
    PRIMARY KEY (commitment_id, stage, ogp_value),
    FOREIGN KEY (commitment_id, stage) REFERENCES irm_rating (commitment_id, stage) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX irm_rating_ogp_value_by_value ON irm_rating_ogp_value (ogp_value, commitment_id);

CREATE TABLE irm_note (
    commitment_id TEXT NOT NULL COLLATE NOCASE,
    stage         TEXT NOT NULL,
    number        INTEGER NOT NULL,
    source_lang   TEXT NOT NULL DEFAULT 'en' CHECK (source_lang IN ('en', 'fr', 'es')),
    text_en       TEXT, text_fr TEXT, text_es TEXT,
    url           TEXT,
    PRIMARY KEY (commitment_id, stage, number),
    FOREIGN KEY (commitment_id, stage) REFERENCES irm_rating (commitment_id, stage) ON DELETE CASCADE
) WITHOUT ROWID;

-- Full-text search over commitments: one row per language a commitment has a title in. serves holds a
-- token per language a search in which should find this row (servesen, servesfr, servesen): its own,
-- and those the commitment lacks when this is its source language (the same fallback as the answers
-- use); a search keeps the hits whose serves has its language's token (Collection.Where). Filled by
-- Derived.cs, which also sets the ranking (titles weigh most, serves nothing, a stem column half its
-- text's column). Each text column has a stem column beside it (title_stem, ...): the stem of each of
-- its tokens in the row's language, in order, tagged with the language (en0parliament), so that a
-- search finds a word's other forms (parliaments, parliamentary) and ranks the word itself above
-- them (Listing/WordForms.cs).
CREATE VIRTUAL TABLE commitment_search USING fts5 (
    commitment_id UNINDEXED, serves, title, description, milestones, institutions,
    title_stem, description_stem, milestones_stem, institutions_stem,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The best-ranked hits of every word found in very many rows of commitment_search (SearchTopHits.cs):
-- ranking all the hits of a common word (half a million of "open" in 1,000,000 commitments) takes
-- seconds, reading its first hits from here a few milliseconds. Per word (term, as FTS5 stores it):
-- its number of hits in a search in each language, the rows of the index it is in (rows, any
-- language), how many of them are kept, and those rows, the first
-- in the order a search by the word lists them (bm25 rank, FTS5's own value, then commitment id)
-- whatever languages they serve (serves: a bit per language, 1 en, 2 fr, 4 es). A search in one
-- language reads the kept rows that serve it; every row of that language not kept comes after the
-- last one kept. A page past them, or a search whose filters keep too few of them, is answered from
-- commitment_search as any other search.
CREATE TABLE search_term (
    term     TEXT PRIMARY KEY,
    hits_en  INTEGER NOT NULL,
    hits_fr  INTEGER NOT NULL,
    hits_es  INTEGER NOT NULL,
    rows     INTEGER NOT NULL,
    kept     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE search_top_hit (
    term          TEXT NOT NULL,
    rank          REAL NOT NULL,
    commitment_id TEXT NOT NULL COLLATE NOCASE,
    search_row    INTEGER NOT NULL,
    serves        INTEGER NOT NULL,
    PRIMARY KEY (term, rank, commitment_id, search_row)
) WITHOUT ROWID;

-- A rating whose publisher's text is not a value of its scale (e.g. Verifiable "1"): kept as written,
-- never dropped and never guessed. The rating's value and _missing columns in irm_rating stay NULL.
CREATE TABLE irm_rating_raw (
    commitment_id TEXT NOT NULL COLLATE NOCASE,
    stage         TEXT NOT NULL,
    rating        TEXT NOT NULL CHECK (rating IN ('specificity', 'verifiable', 'relevance', 'potential_impact', 'potential_for_results',
                      'completion', 'starred', 'early_results', 'diog', 'diog_access_to_information', 'diog_civic_participation',
                      'diog_public_accountability', 'diog_technology_and_innovation', 'carried_forward')),
    raw_text      TEXT NOT NULL,
    PRIMARY KEY (commitment_id, stage, rating),
    FOREIGN KEY (commitment_id, stage) REFERENCES irm_rating (commitment_id, stage) ON DELETE CASCADE
) WITHOUT ROWID;

-- A cell of an imported row whose text is stored otherwise than as written: a title or name whose
-- whitespace was collapsed (a line break or doubled space inside it), an institution cell from which
-- contact details were removed. Kept so that what was stored can be checked against the source;
-- never served, and left out of the database that /v1/exports gives (Export/ExportStore.cs).
CREATE TABLE raw_cell (
    commitment_id TEXT NOT NULL COLLATE NOCASE REFERENCES commitment (id) ON DELETE CASCADE,
    -- The export's header of the column, e.g. 'Commitment Title'.
    column_name   TEXT NOT NULL,
    raw_text      TEXT NOT NULL,
    PRIMARY KEY (commitment_id, column_name)
) WITHOUT ROWID;

-- Releases: every build of a database publishes one, and the file keeps the catalogue of every
-- release before it and every change between them (copied forward from the release it replaces),
-- so that the current file alone answers /v1/releases, /v1/changes and every history. A release's
-- data is its own file, kept beside the database (Releases/ReleaseFiles.cs); these rows never change.
CREATE TABLE release (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    published_at  TEXT NOT NULL,
    source_file   TEXT,
    source_sha256 TEXT,
    note          TEXT,
    -- JSON: records per collection, and added / changed / removed per collection since the release before.
    counts        TEXT NOT NULL,
    changes       TEXT NOT NULL
);

-- One row per record that a release added, changed or removed, worked out when it was published
-- (Releases/ChangeFinder.cs). The first release of a catalogue has none: every record it holds was added by it.
CREATE TABLE record_change (
    release_seq INTEGER NOT NULL REFERENCES release (seq),
    collection  TEXT NOT NULL,
    record_id   TEXT NOT NULL COLLATE NOCASE,
    change      TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
    -- The record's title or name (in the release that changed it; the last known one for a removal).
    name        TEXT,
    member_id   TEXT COLLATE NOCASE,
    -- JSON array of {field, lang, before, after}: the top-level keys of the record that differ, for 'changed'.
    fields      TEXT,
    PRIMARY KEY (release_seq, collection, record_id)
) WITHOUT ROWID;
CREATE INDEX record_change_record ON record_change (collection, record_id, release_seq);
CREATE INDEX record_change_collection ON record_change (collection, release_seq, record_id);
CREATE INDEX record_change_member ON record_change (member_id, release_seq);
CREATE INDEX record_change_newest ON record_change (-release_seq, collection, record_id);
