-- GET /v1/institutions?commitment=UK0075&role=lead

SELECT i.id, i.name_en, i.name_fr, i.name_es, i.source_lang, i.aliases, i.id AS k0 FROM institution i
WHERE i.id IN (SELECT i.id FROM institution i WHERE (i.id IN (SELECT x.institution_id FROM commitment_institution x WHERE x.commitment_id IN @f0_)) AND (EXISTS (SELECT 1 FROM commitment_institution x WHERE x.institution_id = i.id AND x.role IN @f1_)) ORDER BY i.id LIMIT 51)
ORDER BY i.id;

SELECT COUNT(*) FROM institution i WHERE (i.id IN (SELECT x.institution_id FROM commitment_institution x WHERE x.commitment_id IN @f0_)) AND (i.id IN (SELECT x.institution_id FROM commitment_institution x WHERE x.role IN @f1_));
