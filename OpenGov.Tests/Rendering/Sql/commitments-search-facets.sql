-- GET /v1/commitments?q=government&status=inactive&facets=completion,member,policy_area&limit=0

SELECT hits_en, rows, kept FROM search_term WHERE term = @term;

SELECT COUNT(*) FROM commitment_search CROSS JOIN commitment_filter f WHERE (f.status IN @f0_) AND (commitment_search MATCH @q AND ' ' || commitment_search.serves || ' ' LIKE @serves_token AND f.commitment_id = commitment_search.commitment_id);

SELECT f.commitment_id FROM commitment_search CROSS JOIN commitment_filter f WHERE (f.status IN @f0_) AND (commitment_search MATCH @q AND ' ' || commitment_search.serves || ' ' LIKE @serves_token AND f.commitment_id = commitment_search.commitment_id);

SELECT f.completion AS value, COUNT(*) AS n FROM commitment_filter f WHERE f.commitment_id IN (SELECT value FROM json_each(@facet_hits)) GROUP BY 1 ORDER BY n DESC, value COLLATE BINARY;

SELECT f.member_id AS value, COUNT(*) AS n FROM commitment_filter f WHERE f.commitment_id IN (SELECT value FROM json_each(@facet_hits)) GROUP BY 1 ORDER BY n DESC, value COLLATE BINARY;

SELECT id, name_en, name_fr, name_es, source_lang FROM member WHERE id IN (SELECT value FROM json_each(@ids));

SELECT x.policy_area_id AS value, COUNT(DISTINCT x.commitment_id) AS n FROM commitment_policy_area x WHERE x.commitment_id IN (SELECT value FROM json_each(@facet_hits)) GROUP BY x.policy_area_id ORDER BY n DESC, value COLLATE BINARY;

SELECT id, name_en, name_fr, name_es, source_lang FROM policy_area WHERE id IN (SELECT value FROM json_each(@ids));
