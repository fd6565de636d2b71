-- GET /v1/commitments?facets=completion,member,policy_area&limit=0

SELECT n FROM commitment_count WHERE field = '';

SELECT value, n FROM commitment_count WHERE field = 'completion' ORDER BY n DESC, value COLLATE BINARY;

SELECT value, n FROM commitment_count WHERE field = 'member' ORDER BY n DESC, value COLLATE BINARY;

SELECT id, name_en, name_fr, name_es, source_lang FROM member WHERE id IN (SELECT value FROM json_each(@ids));

SELECT value, n FROM commitment_count WHERE field = 'policy_area' ORDER BY n DESC, value COLLATE BINARY;

SELECT id, name_en, name_fr, name_es, source_lang FROM policy_area WHERE id IN (SELECT value FROM json_each(@ids));
