-- GET /v1/institutions?commitment=UK0075&role=lead

SELECT i.id, i.name_en, i.name_fr, i.name_es, i.source_lang, i.aliases, i.international, i.id AS k0 FROM institution i
WHERE i.id IN (SELECT i.id FROM institution i WHERE (i.id IN (SELECT x.institution_id FROM institution_link x WHERE x.commitment_id IN @f0_ AND x.role IN @f1_)) ORDER BY i.id LIMIT 51)
ORDER BY i.id;

SELECT COUNT(*) FROM institution i WHERE (i.id IN (SELECT x.institution_id FROM institution_link x WHERE x.commitment_id IN @f0_ AND x.role IN @f1_));

SELECT im.institution_id AS owner, m.id, m.name_en, m.name_fr, m.name_es, m.source_lang
FROM institution_member im JOIN member m ON m.id = im.member_id
WHERE im.institution_id IN (SELECT value FROM json_each(@ids)) ORDER BY im.institution_id, m.id;
