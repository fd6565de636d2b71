-- GET /v1/irm-ratings?stage=end_of_term&member=united-kingdom

SELECT r.*, c.title_en AS commitment_en, c.title_fr AS commitment_fr, c.title_es AS commitment_es, c.source_lang AS commitment_lang,
rep.title_en AS report_en, rep.title_fr AS report_fr, rep.title_es AS report_es, rep.source_lang AS report_lang, r.commitment_id AS k0, r.stage_order AS k1 FROM irm_rating r JOIN commitment c ON c.id = r.commitment_id LEFT JOIN irm_report rep ON rep.id = r.irm_report_id JOIN commitment_filter f ON f.commitment_id = r.commitment_id WHERE (r.stage IN @f0_) AND (f.member_id IN @f1_) ORDER BY r.commitment_id, r.stage_order LIMIT 51;

SELECT COUNT(*) FROM irm_rating r JOIN commitment_filter f ON f.commitment_id = r.commitment_id WHERE (r.stage IN @f0_) AND (f.member_id IN @f1_);

SELECT commitment_id, stage, ogp_value FROM irm_rating_ogp_value WHERE commitment_id IN (SELECT value FROM json_each(@ids));

SELECT * FROM irm_note WHERE commitment_id IN (SELECT value FROM json_each(@ids)) ORDER BY commitment_id, stage, number;

SELECT commitment_id, stage, rating, raw_text FROM irm_rating_raw WHERE commitment_id IN (SELECT value FROM json_each(@ids));
