/**
 * Which entity fetches may serve several viewers: decided from the composed
 * supergraph's @viewerIndependent marks, conservatively.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Supergraph } from '@apollo/federation-internals';
import { schemaPath } from '../lib/paths.js';
import { ViewerIndependence, viewerIndependentFields } from './viewerIndependent.js';

const sdl = readFileSync(schemaPath('supergraph'), 'utf8');
const fields = viewerIndependentFields(sdl);
const independence = new ViewerIndependence(fields, Supergraph.build(sdl).schema.toGraphQLJSSchema());
const entities = (selection: string) => `query($representations:[_Any!]!){_entities(representations:$representations){${selection}}}`;

test('the supergraph carries the user subgraph\'s marks', () => {
  for (const f of ['User.id', 'User.username', 'User.displayName', 'User.avatarUrl']) assert.ok(fields.has(f), f);
  for (const f of ['User.followedByMe', 'User.privacy', 'User.favouritesVisibleToViewer', 'User.followers']) assert.ok(!fields.has(f), f);
});

test('an entity fetch of marked fields only is shareable', () => {
  assert.equal(independence.shareable(entities('...on User{displayName username}')), true);
  assert.equal(independence.shareable(entities('__typename ...on User{__typename id avatarUrl}')), true);
});

test('anything else stays per viewer', () => {
  assert.equal(independence.shareable(entities('...on User{displayName followedByMe}')), false, 'one viewer-dependent field');
  assert.equal(independence.shareable(entities('...on User{privacy{follows}}')), false, 'an unmarked object field');
  assert.equal(independence.shareable(entities('...F') + 'fragment F on User{displayName}'), false, 'named fragments');
  assert.equal(independence.shareable('{ me { displayName } }'), false, 'root fields');
  assert.equal(independence.shareable('mutation { logout }'), false);
  assert.equal(independence.shareable('query($representations:[_Any!]!){a:_entities(representations:$representations){...on User{displayName}} b:_entities(representations:$representations){...on User{followedByMe}}}'), false, 'two root fields');
  assert.equal(independence.shareable('not graphql'), false);
});
