// Reads a DCAT-AP 3 catalog (JSON-LD) into RDF with jsonld and checks, by full IRIs, the mandatory
// and recommended properties the catalog claims (see OpenGov.Api/Catalog/DcatCatalog.cs).
// usage: node check-catalog.mjs CATALOG.jsonld --datasets N [--note TEXT] [--licence link|rights]
// Prints, as JSON: every IRI of the catalog on its own origin (to follow), and each distribution's
// download URL, size and SHA-256 (to download and check). Exits 1 with the reasons where a check fails.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const [file, ...rest] = process.argv.slice(2);
const option = name => { const i = rest.indexOf(name); return i < 0 ? undefined : rest[i + 1]; };
const datasetsExpected = Number(option('--datasets'));
const note = option('--note');
const licence = option('--licence') ?? 'link';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const ADMS = 'http://www.w3.org/ns/adms#';
const SPDX = 'http://spdx.org/rdf/terms#';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const DCATAP = 'http://data.europa.eu/r5r/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const doc = JSON.parse(readFileSync(file, 'utf8'));
// No document loader: the context is inline, and a remote one would fail here (safe mode refuses dropped terms too).
const quads = await jsonld.toRDF(doc, { safe: true, documentLoader: url => { throw new Error(`the catalog asks to load ${url}`); } });
const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads' });

const errors = [];
const objects = (s, p) => quads.filter(q => q.subject.value === s && q.predicate.value === p).map(q => q.object);
const ofType = t => quads.filter(q => q.predicate.value === RDF + 'type' && q.object.value === t).map(q => q.subject.value);
function need(s, p, what, check = () => true) {
  const found = objects(s, p);
  if (found.length === 0) errors.push(`${what} <${s}> has no <${p}>`);
  else if (!found.every(check)) errors.push(`${what} <${s}>: a value of <${p}> is not as DCAT-AP 3 wants it: ${JSON.stringify(found)}`);
  return found;
}
const literal = o => o.termType === 'Literal' && o.value.trim().length > 0;
const iri = o => o.termType === 'NamedNode' && /^(https?|mailto):/.test(o.value);
const typed = t => o => o.termType === 'Literal' && o.datatype.value === t;
const dateTime = o => typed(XSD + 'dateTime')(o) && !Number.isNaN(Date.parse(o.value));

const catalogs = ofType(DCAT + 'Catalog');
if (catalogs.length !== 1) errors.push(`expected one dcat:Catalog, found ${catalogs.length}`);
const catalog = catalogs[0];
const series = ofType(DCAT + 'DatasetSeries');
if (series.length !== 1) errors.push(`expected one dcat:DatasetSeries, found ${series.length}`);
const datasets = ofType(DCAT + 'Dataset');
if (datasets.length !== datasetsExpected) errors.push(`expected ${datasetsExpected} dcat:Dataset, found ${datasets.length}`);
const services = ofType(DCAT + 'DataService');
if (services.length !== 1) errors.push(`expected one dcat:DataService, found ${services.length}`);

// Catalogue: mandatory title, description, publisher (an agent with a name); recommended homepage, licence, dates, datasets, service.
need(catalog, DCT + 'title', 'the catalog', literal);
need(catalog, DCT + 'description', 'the catalog', literal);
for (const publisher of need(catalog, DCT + 'publisher', 'the catalog', iri)) {
  need(publisher.value, RDF + 'type', 'the publisher', o => o.value === FOAF + 'Agent');
  need(publisher.value, FOAF + 'name', 'the publisher', literal);
}
need(catalog, FOAF + 'homepage', 'the catalog', iri);
need(catalog, DCT + 'issued', 'the catalog', dateTime);
need(catalog, DCT + 'modified', 'the catalog', dateTime);
need(catalog, DCT + 'spatial', 'the catalog', iri);
need(catalog, DCAT + 'service', 'the catalog', o => o.value === services[0]);
if (licence === 'link') need(catalog, DCT + 'license', 'the catalog', iri);
const held = need(catalog, DCAT + 'dataset', 'the catalog', iri).map(o => o.value);
if (!held.includes(series[0])) errors.push('the catalog does not hold the dataset series');

// Series: mandatory title, description; recommended publisher, contact point, dates, coverage. Its last is the current release.
for (const p of [DCT + 'title', DCT + 'description']) need(series[0], p, 'the series', literal);
need(series[0], DCT + 'publisher', 'the series', iri);
need(series[0], DCAT + 'contactPoint', 'the series');
need(series[0], DCT + 'issued', 'the series', dateTime);
need(series[0], DCT + 'modified', 'the series', dateTime);
need(series[0], DCT + 'spatial', 'the series', iri);
need(series[0], DCT + 'temporal', 'the series');
const last = need(series[0], DCAT + 'last', 'the series', iri).map(o => o.value)[0];
if (!held.includes(last)) errors.push(`the catalog does not hold the current release's dataset <${last}>`);

const downloads = [];
const notes = [];
for (const dataset of datasets) {
  const what = 'the dataset';
  for (const p of [DCT + 'title', DCT + 'description', DCAT + 'keyword']) need(dataset, p, what, literal);
  need(dataset, DCAT + 'inSeries', what, o => o.value === series[0]);
  need(dataset, DCT + 'issued', what, dateTime);
  need(dataset, DCT + 'modified', what, dateTime);
  need(dataset, DCAT + 'version', what, literal);
  need(dataset, DCT + 'publisher', what, iri);
  need(dataset, DCAT + 'theme', what, iri);
  need(dataset, DCT + 'spatial', what, iri);
  need(dataset, DCAT + 'landingPage', what, iri);
  for (const period of need(dataset, DCT + 'temporal', what)) {
    need(period.value, DCAT + 'startDate', 'the temporal coverage', typed(XSD + 'gYear'));
    need(period.value, DCAT + 'endDate', 'the temporal coverage', typed(XSD + 'gYear'));
  }
  for (const contact of need(dataset, DCAT + 'contactPoint', what)) {
    need(contact.value, VCARD + 'fn', 'the contact point', literal);
    need(contact.value, VCARD + 'hasURL', 'the contact point', iri);
  }
  notes.push(...objects(dataset, ADMS + 'versionNotes').map(o => o.value));
  const distributions = need(dataset, DCAT + 'distribution', what);
  for (const { value: d } of distributions) {
    const where = `a distribution of <${dataset}>`;
    need(d, RDF + 'type', where, o => o.value === DCAT + 'Distribution');
    need(d, DCAT + 'accessURL', where, iri);
    need(d, DCT + 'description', where, literal);
    need(d, DCT + 'format', where, iri);
    need(d, DCAT + 'mediaType', where, o => iri(o) && o.value.startsWith('https://www.iana.org/assignments/media-types/'));
    need(d, DCATAP + 'availability', where, iri);
    if (licence === 'link') need(d, DCT + 'license', where, iri);
    else for (const r of need(d, DCT + 'rights', where)) need(r.value, 'http://www.w3.org/2000/01/rdf-schema#label', 'the rights statement', literal);
    const url = need(d, DCAT + 'downloadURL', where, iri)[0]?.value;
    const bytes = need(d, DCAT + 'byteSize', where, typed(XSD + 'nonNegativeInteger'))[0]?.value;
    let sha256;
    for (const checksum of need(d, SPDX + 'checksum', where)) {
      need(checksum.value, SPDX + 'algorithm', 'the checksum', o => o.value === SPDX + 'checksumAlgorithm_sha256');
      sha256 = need(checksum.value, SPDX + 'checksumValue', 'the checksum', o => typed(XSD + 'hexBinary')(o) && /^[0-9a-f]{64}$/.test(o.value))[0]?.value;
    }
    downloads.push({ dataset, url, bytes: Number(bytes), sha256 });
  }
}
if (note !== undefined && !notes.includes(note)) errors.push(`no dataset has the version notes ${JSON.stringify(note)} (found ${JSON.stringify(notes)})`);

// Data service: mandatory endpoint URL and title; recommended endpoint description and the datasets it serves.
const service = services[0];
need(service, DCT + 'title', 'the data service', literal);
need(service, DCAT + 'endpointURL', 'the data service', iri);
need(service, DCAT + 'endpointDescription', 'the data service', iri);
const served = need(service, DCAT + 'servesDataset', 'the data service', iri).map(o => o.value);
for (const dataset of datasets) if (!served.includes(dataset)) errors.push(`the data service does not serve <${dataset}>`);

if (errors.length > 0) {
  console.log(errors.join('\n'));
  process.exit(1);
}
const origin = new URL(catalog).origin;
const urls = [...new Set(quads.flatMap(q => [q.subject, q.object]).filter(t => t.termType === 'NamedNode' && t.value.startsWith(origin + '/'))
  .map(t => t.value.split('#')[0]))].sort();
console.log(JSON.stringify({ triples: nquads.split('\n').filter(Boolean).length, urls, downloads }));
