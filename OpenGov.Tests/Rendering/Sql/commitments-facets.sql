-- GET /v1/commitments?facets=completion,member,policy_area&limit=0

SELECT n FROM commitment_count WHERE field = '';

SELECT f.completion AS value, COUNT(*) AS n FROM commitment_filter f  GROUP BY 1 ORDER BY n DESC, 1;

SELECT f.member_id AS value, COUNT(*) AS n FROM commitment_filter f  GROUP BY 1 ORDER BY n DESC, 1;

SELECT id, name_en, name_fr, name_es, source_lang FROM member WHERE id IN (SELECT value FROM json_each(@ids));

SELECT x.policy_area_id AS value, COUNT(DISTINCT x.commitment_id) AS n FROM commitment_policy_area x GROUP BY x.policy_area_id ORDER BY n DESC, value;

SELECT id, name_en, name_fr, name_es, source_lang FROM policy_area WHERE id IN (SELECT value FROM json_each(@ids));
