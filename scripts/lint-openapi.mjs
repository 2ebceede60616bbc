// Lints an OpenAPI document (JSON on standard input) with Redocly's `recommended` ruleset.
// Prints one line per problem and exits 1 if there is any error or warning.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { text } from 'node:stream/consumers';

const source = await text(process.stdin);
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
for (const p of problems) {
  const where = p.location.map((l) => l.pointer).join(' ');
  console.log(`${p.severity} ${p.ruleId}: ${p.message} (${where})`);
}
process.exit(problems.length === 0 ? 0 : 1);
