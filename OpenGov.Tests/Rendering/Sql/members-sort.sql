-- GET /v1/members?sort=-region&limit=2

SELECT m.id, m.name_en, m.name_fr, m.name_es, m.source_lang, m.iso3, m.region, m.region_id, m.kind, m.url, m.illustrative, IFNULL(m.region_id, '') AS k0, m.id AS k1 FROM member m
WHERE m.id IN (SELECT m.id FROM member m  ORDER BY IFNULL(m.region_id, '') DESC, m.id DESC LIMIT 3)
ORDER BY IFNULL(m.region_id, '') DESC, m.id DESC;

SELECT COUNT(*) FROM member m;
