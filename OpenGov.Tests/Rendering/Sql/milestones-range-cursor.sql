-- GET /v1/milestones?number__gte=2&limit=2&next

SELECT ms.commitment_id, ms.number, ms.text_en, ms.text_fr, ms.text_es, ms.source_lang, ms.start_date, ms.end_date,
c.title_en AS commitment_en, c.title_fr AS commitment_fr, c.title_es AS commitment_es, c.source_lang AS commitment_lang, ms.commitment_id AS k0, ms.number AS k1 FROM milestone ms JOIN commitment c ON c.id = ms.commitment_id WHERE (ms.number >= @f0_) AND (ms.commitment_id, ms.number) > (@k0, @k1) ORDER BY ms.commitment_id, ms.number LIMIT 3;

SELECT COUNT(*) FROM milestone ms WHERE (ms.number >= @f0_);
