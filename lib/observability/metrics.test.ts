import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { has, parseMetrics, valueOf } from '../../testing/prometheus.js';
import { ServiceMetrics, instrumentStore } from './metrics.js';
import { ROOT } from '../process/paths.js';

class Store {
  #rows = new Map<string, string>([['a', 'alpha']]);
  async find(id: string): Promise<string | undefined> {
    return this.#rows.get(id);
  }
  async fail(): Promise<never> {
    throw new Error('unique violation');
  }
  count(): number {
    return this.#rows.size;
  }
  readonly name = 'sqlite';
}

const countOf = (text: string, method: string, outcome: string) => valueOf(parseMetrics(text), 'vidhub_store_call_duration_seconds_count', { method, outcome });

test('every store method call is timed by method and outcome; the store behaves as before', async () => {
  const metrics = new ServiceMetrics('video');
  const store = instrumentStore(new Store(), metrics);
  assert.equal(await store.find('a'), 'alpha', 'private fields still work through the proxy');
  assert.equal(await store.find('b'), undefined);
  await assert.rejects(store.fail(), /unique violation/);
  assert.equal(store.count(), 1, 'synchronous methods too');
  assert.equal(store.name, 'sqlite', 'properties pass through');
  assert.equal(store.find, store.find, 'one wrapper per method');
  const text = await metrics.registry.metrics();
  assert.equal(countOf(text, 'find', 'ok'), 2);
  assert.equal(countOf(text, 'fail', 'error'), 1);
  assert.equal(countOf(text, 'fail', 'ok'), 0);
  assert.equal(countOf(text, 'count', 'ok'), 1);
});

test('figures kept elsewhere are read at scrape time; a read that fails leaves its series out', async () => {
  const metrics = new ServiceMetrics('chat');
  const figures = { merged: 3, lag: 5 as number | Error };
  metrics.counterFrom('vidhub_test_merged_total', 'test', [], () => [[{}, figures.merged]]);
  metrics.gaugeFrom('vidhub_test_lag', 'test', ['group'], async () => {
    if (figures.lag instanceof Error) throw figures.lag;
    return [[{ group: 'g' }, figures.lag]];
  });
  let samples = parseMetrics(await metrics.registry.metrics());
  assert.equal(valueOf(samples, 'vidhub_test_merged_total', { service: 'chat' }), 3);
  assert.equal(valueOf(samples, 'vidhub_test_lag', { group: 'g', service: 'chat' }), 5);
  figures.merged = 7;
  figures.lag = new Error('redis is down');
  samples = parseMetrics(await metrics.registry.metrics());
  assert.equal(valueOf(samples, 'vidhub_test_merged_total'), 7);
  assert.equal(has(samples, 'vidhub_test_lag'), false);
});

test('README.md (Metrics) lists every metric the services define, and no other', () => {
  const defined = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) for (const [, name] of readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/\.(?:counter|gauge|histogram|counterFrom|gaugeFrom)(?:<[^>]*>)?\(\s*'(vidhub_[a-z_]+)'/g)) defined.add(name!);
    }
  };
  for (const dir of ['lib', 'gateway', 'subgraphs']) walk(dir);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Metrics\n'), readme.indexOf('\n## Logs\n'));
  const documented = new Set([...section.matchAll(/`(vidhub_[a-z_]+)`/g)].map((m) => m[1]!));
  assert.ok(defined.size > 20, `found ${defined.size} metric names in the sources`);
  assert.deepEqual([...defined].sort(), [...documented].sort());
});
