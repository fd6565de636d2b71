// An answer with an ETag can be revalidated with If-None-Match: the operation must document the
// 304 the service then sends, with the ETag again.
const has = (response, name) => Object.keys(response?.headers ?? {}).some(h => h.toLowerCase() === name.toLowerCase());

export default (responses, _options, { path }) => {
  if (!has(responses?.['200'], 'ETag')) return [];
  if (!responses['304']) return [{ message: 'The 200 answer has an ETag, but the 304 for a matching If-None-Match is not documented.', path }];
  if (!has(responses['304'], 'ETag')) return [{ message: 'The 304 answer must document its ETag header.', path: [...path, '304'] }];
  return [];
};
