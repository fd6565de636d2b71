// A deprecated operation says so in its answers too: each 2xx answer documents the Deprecation
// header (RFC 9745), the Sunset header (RFC 8594) and the Link to the deprecation's explanation.
const HEADERS = ['Deprecation', 'Sunset', 'Link'];

export default (operation, _options, { path }) => {
  if (operation?.deprecated !== true) return [];
  const results = [];
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const headers = Object.keys(response?.headers ?? {}).map(h => h.toLowerCase());
    const absent = HEADERS.filter(h => !headers.includes(h.toLowerCase()));
    if (absent.length > 0)
      results.push({ message: `A deprecated operation's ${status} answer must document ${absent.join(', ')}.`, path: [...path, 'responses', status] });
  }
  return results;
};
