// Lints an OpenAPI document with Stoplight's Spectral CLI and its standard OpenAPI ruleset (.spectral.yaml here),
// and prints the findings as JSON: [{code, message, severity (0 error, 1 warning, 2 info, 3 hint), path}].
// Usage: node scripts/openapi-check/check.mjs FILE.json
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
let output;
try {
  output = execFileSync(process.execPath, [cli, 'lint', process.argv[2], '--ruleset', path.join(here, '.spectral.yaml'), '--format', 'json', '--quiet'],
    { encoding: 'utf8' });
} catch (e) {
  // Spectral exits non-zero when it finds errors; its findings are still on stdout.
  if (!e.stdout) throw e;
  output = e.stdout;
}
const findings = JSON.parse(output.trim() || '[]');
process.stdout.write(JSON.stringify(findings.map((f) => ({ code: f.code, message: f.message, severity: f.severity, path: f.path.join('.') }))));
