-- GET /v1/commitments?q=government&member=united-kingdom

SELECT hits_en, rows, kept FROM search_term WHERE term = @term;

SELECT f.commitment_id AS id, hit.k0 AS k0, hit.k1 AS k1, hit.search_row AS search_row
FROM (SELECT commitment_search.rank AS k0, f.commitment_id AS k1, commitment_search.rowid AS search_row FROM commitment_search CROSS JOIN commitment_filter f WHERE (f.member_id IN @f0_) AND (commitment_search MATCH @q AND ' ' || commitment_search.serves || ' ' LIKE @serves_token AND f.commitment_id = commitment_search.commitment_id) ORDER BY commitment_search.rank, f.commitment_id LIMIT 51) hit
CROSS JOIN commitment_filter f WHERE f.commitment_id = hit.k1
ORDER BY hit.k0, hit.k1;

SELECT COUNT(*) FROM commitment_search CROSS JOIN commitment_filter f WHERE (f.member_id IN @f0_) AND (commitment_search MATCH @q AND ' ' || commitment_search.serves || ' ' LIKE @serves_token AND f.commitment_id = commitment_search.commitment_id);

SELECT rowid, NULL, serves, title, description, milestones, institutions, title_stem, description_stem, milestones_stem, institutions_stem FROM commitment_search WHERE rowid IN @rows;

SELECT c.id, c.action_plan_id, c.member_id, c.number, c.source_lang, c.title_en, c.title_fr, c.title_es,
c.short_title_en, c.short_title_fr, c.short_title_es, c.commitment_text_en, c.commitment_text_fr, c.commitment_text_es,
c.objective_en, c.objective_fr, c.objective_es, c.status_quo_en, c.status_quo_fr, c.status_quo_es,
c.ambition_en, c.ambition_fr, c.ambition_es, c.full_text_en, c.full_text_fr, c.full_text_es,
c.status, c.theme, c.start_date, c.end_date, c.start_date_raw, c.end_date_raw, c.url, c.illustrative,
f.completion, f.completion_midterm, f.completion_end_of_term, f.starred, f.verifiable, f.specificity,
f.potential_impact, f.ambition, f.diog, f.early_results, f.carried_forward,
p.title_en AS plan_en, p.title_fr AS plan_fr, p.title_es AS plan_es, p.source_lang AS plan_lang,
m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es, m.source_lang AS member_lang FROM commitment_filter f JOIN commitment c ON c.id = f.commitment_id JOIN action_plan p ON p.id = f.action_plan_id JOIN member m ON m.id = f.member_id WHERE f.commitment_id IN (SELECT value FROM json_each(@ids));

SELECT ci.commitment_id, ci.role, i.id, i.name_en, i.name_fr, i.name_es, i.source_lang FROM commitment_institution ci JOIN institution i ON i.id = ci.institution_id WHERE ci.commitment_id IN (SELECT value FROM json_each(@ids)) ORDER BY ci.commitment_id, ci.role, ci.position;

SELECT cp.commitment_id, a.id, a.name_en, a.name_fr, a.name_es, a.source_lang FROM commitment_policy_area cp JOIN policy_area a ON a.id = cp.policy_area_id WHERE cp.commitment_id IN (SELECT value FROM json_each(@ids)) ORDER BY cp.commitment_id, a.id;

SELECT r.*, c.title_en AS commitment_en, c.title_fr AS commitment_fr, c.title_es AS commitment_es, c.source_lang AS commitment_lang,
rep.title_en AS report_en, rep.title_fr AS report_fr, rep.title_es AS report_es, rep.source_lang AS report_lang FROM irm_rating r JOIN commitment c ON c.id = r.commitment_id
LEFT JOIN irm_report rep ON rep.id = r.irm_report_id WHERE r.commitment_id IN (SELECT value FROM json_each(@ids)) ORDER BY r.commitment_id, r.stage_order;

SELECT commitment_id, stage, ogp_value FROM irm_rating_ogp_value WHERE commitment_id IN (SELECT value FROM json_each(@ids));

SELECT * FROM irm_note WHERE commitment_id IN (SELECT value FROM json_each(@ids)) ORDER BY commitment_id, stage, number;

SELECT commitment_id, stage, rating, raw_text FROM irm_rating_raw WHERE commitment_id IN (SELECT value FROM json_each(@ids));
