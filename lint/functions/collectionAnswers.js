// A collection (an operation that pages: it takes a cursor) answers in JSON, CSV and NDJSON, and
// its answers carry ETag, Link (the next page) and the rate-limit headers.
const FORMATS = ['application/json', 'text/csv', 'application/x-ndjson'];
const HEADERS = ['ETag', 'Link', 'RateLimit', 'RateLimit-Policy'];

export default (operation, _options, { path }) => {
  const pages = (operation?.parameters ?? []).some(p => p?.in === 'query' && p?.name === 'cursor');
  if (!pages) return [];
  const ok = operation.responses?.['200'];
  if (!ok) return [{ message: 'A collection must document its 200 answer.', path: [...path, 'responses'] }];
  const results = [];
  const formats = Object.keys(ok.content ?? {});
  const absentFormats = FORMATS.filter(f => !formats.includes(f));
  if (absentFormats.length > 0)
    results.push({ message: `The 200 answer of a collection lacks the format(s) ${absentFormats.join(', ')}.`, path: [...path, 'responses', '200', 'content'] });
  const headers = Object.keys(ok.headers ?? {}).map(h => h.toLowerCase());
  const absentHeaders = HEADERS.filter(h => !headers.includes(h.toLowerCase()));
  if (absentHeaders.length > 0)
    results.push({ message: `The 200 answer of a collection does not document the header(s) ${absentHeaders.join(', ')}.`, path: [...path, 'responses', '200'] });
  return results;
};
