import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceMetrics } from '../lib/observability/metrics.js';
import { has, parseMetrics, valueOf } from '../testing/prometheus.js';
import { GatewayMetrics, OPERATION_NAME_LIMIT, OTHER_OPERATION } from './metrics.js';

const figures = {
  fetcher: { requests: 0, merged: 0 },
  tokens: { valid: 0, cached: 0, invalid: 0 },
  revocations: { memory: { revoked: 0, active: 0 }, redis: { revoked: 0, active: 0 } },
  openSockets: () => 0,
  activeSubscriptions: () => 0,
};

test('operation names become labels up to the cap; anonymous, unresolved, malformed and later names are "other"', () => {
  const m = new GatewayMetrics(new ServiceMetrics('gateway'), figures);
  assert.equal(m.operationLabel(undefined, true), OTHER_OPERATION);
  assert.equal(m.operationLabel('Valid', false), OTHER_OPERATION, 'a name from a document that did not resolve');
  assert.equal(m.operationLabel(`N${'x'.repeat(100)}`, true), OTHER_OPERATION, 'too long for a label');
  for (let i = 0; i < OPERATION_NAME_LIMIT; i++) assert.equal(m.operationLabel(`Op${i}`, true), `Op${i}`);
  assert.equal(m.operationLabel('OneTooMany', true), OTHER_OPERATION);
  assert.equal(m.operationLabel('Op7', true), 'Op7', 'names admitted before the cap keep their label');
  // Rejected names did not take a place: the cap counts admitted names only.
  assert.equal(m.operationLabel('Valid', true), OTHER_OPERATION);
});

test('the operation histogram and error counter carry bounded labels', async () => {
  const service = new ServiceMetrics('gateway');
  const m = new GatewayMetrics(service, figures);
  m.operation('Feed', 'query', 'error', 0.02, ['NOT_FOUND', 'SOMETHING_A_SUBGRAPH_MADE_UP']);
  m.operation('Feed', 'query', 'error', 0.03, []);
  const samples = parseMetrics(await service.registry.metrics());
  const feed = { operation: 'Feed', type: 'query' };
  assert.equal(valueOf(samples, 'vidhub_gateway_operation_duration_seconds_count', { ...feed, outcome: 'error' }), 2);
  assert.equal(valueOf(samples, 'vidhub_gateway_operation_errors_total', { ...feed, code: 'NOT_FOUND' }), 1);
  assert.equal(valueOf(samples, 'vidhub_gateway_operation_errors_total', { ...feed, code: 'INTERNAL_SERVER_ERROR' }), 1, 'an unknown code is counted as the client sees it');
  assert.equal(has(samples, 'vidhub_gateway_operation_errors_total', { code: 'SOMETHING_A_SUBGRAPH_MADE_UP' }), false);
});
