/**
 * Committed artefacts must match their sources: the supergraph and API schema
 * (npm run compose) and the codegen output (npm run codegen).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generate } from '@graphql-codegen/cli';
import { parse as parseYaml } from 'yaml';
import { ROOT, schemaPath } from '../lib/process/paths.js';
import { composeSupergraph } from './supergraph.js';

test('schema/supergraph.graphql and schema/api.graphql are what composition produces (run `npm run compose`)', () => {
  const { supergraphSdl, apiSdl } = composeSupergraph();
  assert.equal(readFileSync(schemaPath('supergraph'), 'utf8'), supergraphSdl, 'supergraph.graphql is stale: run npm run compose');
  assert.equal(readFileSync(schemaPath('api'), 'utf8'), apiSdl, 'api.graphql is stale: run npm run compose');
});

test('generated resolver and operation types are up to date (run `npm run codegen`)', async () => {
  const config = parseYaml(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8'), { merge: true });
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const outputs = await generate({ ...config, silent: true }, false);
    assert.ok(outputs.length >= 5);
    for (const { filename, content } of outputs) {
      assert.equal(readFileSync(path.resolve(ROOT, filename), 'utf8'), content, `${filename} is stale: run npm run codegen`);
    }
  } finally {
    process.chdir(previous);
  }
});
