// Reads the schema.org JSON-LD that pages embed for search engines (script elements of type
// application/ld+json), expands it with jsonld, and checks by schema.org's IRIs what the page claims
// (see OpenGov.Api/Pages/StructuredData.cs).
// usage: node check-page-jsonld.mjs PAGES.json
//   PAGES.json: [{"file": "page.html", "kind": "dataset" | "commitment", "licence": true|false, "basedOn": true|false}, ...]
// Prints, as JSON, each page's URLs (url, contentUrl, isBasedOn...) to follow; exits 1 with the reasons where a check fails.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const S = 'https://schema.org/';
const pages = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const errors = [];
const found = [];

const values = (node, p) => node[S + p] ?? [];
const text = v => typeof v['@value'] === 'string' ? v['@value'] : undefined;
const link = v => v['@id'] ?? text(v);

for (const page of pages) {
  const html = readFileSync(page.file, 'utf8');
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(m => m[1]);
  const fail = message => errors.push(`${page.file}: ${message}`);
  if (blocks.length !== 1) { fail(`expected one JSON-LD block, found ${blocks.length}`); continue; }
  let expanded;
  try {
    // safe mode: a term that does not expand to an IRI is an error, not silently dropped; nothing is fetched.
    expanded = await jsonld.expand(JSON.parse(blocks[0]), { safe: true, documentLoader: url => { throw new Error(`the page asks to load ${url}`); } });
  } catch (e) {
    fail(`not JSON-LD that expands: ${e.message}`);
    continue;
  }
  const node = expanded[0];
  const need = (p, check = () => true, why = '') => {
    const vs = values(node, p);
    if (vs.length === 0) fail(`no ${S}${p}`);
    else if (!vs.every(check)) fail(`${S}${p} ${why}: ${JSON.stringify(vs)}`);
    return vs;
  };
  const urls = [];
  const kind = page.kind === 'dataset' ? 'Dataset' : 'CreativeWork';
  if (!(node['@type'] ?? []).includes(S + kind)) fail(`not a ${S}${kind}: ${JSON.stringify(node['@type'])}`);
  need('name', v => text(v)?.trim().length > 0, 'is empty');
  urls.push(...need('url', v => /^https?:\/\//.test(text(v) ?? ''), 'is not absolute').map(text));
  need('version', v => text(v)?.length > 0, 'is empty');
  need('creator', v => values(v, 'name').length > 0, 'has no name');
  if (page.licence) need('license', v => /^https:\/\/spdx\.org\/licenses\//.test(text(v) ?? ''), 'is not a licence link');
  else if (values(node, 'license').length > 0) fail('claims a licence the source does not state');
  if (page.basedOn) urls.push(...need('isBasedOn', v => /^https?:\/\//.test(text(v) ?? ''), 'is not a URL').map(text));
  if (page.kind === 'dataset') {
    need('description', v => (text(v)?.length ?? 0) >= 50 && text(v).length <= 5000, 'is not 50 to 5,000 characters');
    need('temporalCoverage', v => /^\d{4}(-\d{2})?\/\d{4}(-\d{2})?$/.test(text(v) ?? ''), 'is not a period');
    for (const d of need('distribution', v => (v['@type'] ?? []).includes(S + 'DataDownload'), 'is not a DataDownload')) {
      const content = values(d, 'contentUrl').map(link);
      if (content.length !== 1 || !/^https?:\/\//.test(content[0])) fail(`a download without an absolute contentUrl: ${JSON.stringify(d)}`);
      if (values(d, 'encodingFormat').map(text).filter(f => /^[a-z]+\/[a-z0-9.+-]+$/.test(f ?? '')).length !== 1) fail(`a download without a media type: ${JSON.stringify(d)}`);
      urls.push(...content);
    }
  } else {
    need('isPartOf', v => values(v, 'url').length > 0, 'has no url');
    urls.push(...values(node, 'isPartOf').flatMap(v => values(v, 'url')).map(link));
  }
  found.push({ file: page.file, urls });
}

if (errors.length > 0) {
  console.log(errors.join('\n'));
  process.exit(1);
}
console.log(JSON.stringify(found));
