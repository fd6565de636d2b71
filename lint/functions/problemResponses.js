// Every 4xx and 5xx answer is an RFC 9457 problem: documented, sent as application/problem+json
// and nothing else, with a schema that has the problem's members. options.required lists the
// error statuses every operation the rule is given must document (those the service can always send);
// options.onlyRequired checks those alone, for a rule that adds statuses to another's.
const MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'errors'];

export default (responses, options, { path }) => {
  const results = [];
  for (const status of options?.required ?? []) {
    if (!(status in (responses ?? {})))
      results.push({ message: `The ${status} problem is not documented; the service can send it here.`, path });
  }
  if (options?.onlyRequired) return results;
  for (const [status, response] of Object.entries(responses ?? {})) {
    if (!/^[45]/.test(status)) continue;
    const at = [...path, status];
    if (!response?.description) results.push({ message: `${status} has no description of when it is sent.`, path: at });
    const types = Object.keys(response?.content ?? {});
    if (types.length !== 1 || types[0] !== 'application/problem+json') {
      results.push({
        message: `${status} must be sent as application/problem+json only, not ${types.join(', ') || 'without content'}.`,
        path: [...at, 'content'],
      });
      continue;
    }
    const properties = response.content['application/problem+json'].schema?.properties ?? {};
    const absent = MEMBERS.filter(m => !(m in properties));
    if (absent.length > 0)
      results.push({
        message: `${status}'s schema is not the problem schema: it lacks ${absent.join(', ')}.`,
        path: [...at, 'content', 'application/problem+json', 'schema'],
      });
  }
  return results;
};
