/**
 * Which entity fetches may serve several viewers: decided from the composed
 * supergraph's @viewerIndependent marks, conservatively.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Supergraph } from '@apollo/federation-internals';
import { schemaPath } from '../lib/process/paths.js';
import { ViewerIndependence, viewerIndependentFields } from './viewerIndependent.js';

const sdl = readFileSync(schemaPath('supergraph'), 'utf8');
const fields = viewerIndependentFields(sdl);
const independence = new ViewerIndependence(fields, Supergraph.build(sdl).schema.toGraphQLJSSchema());
const entities = (selection: string) => `query($representations:[_Any!]!){_entities(representations:$representations){${selection}}}`;

test('the supergraph carries the subgraphs\' marks', () => {
  for (const f of ['User.username', 'User.displayName', 'User.avatarUrl']) assert.deepEqual([...(fields.get(f) ?? [])], ['user'], f);
  // The key field is the entity's identity in every subgraph that has the entity.
  assert.ok(fields.get('User.id')?.has('user') && fields.get('User.id')?.has('chat'));
  for (const f of ['User.followedByMe', 'User.privacy', 'User.favouritesVisibleToViewer', 'User.followers']) assert.ok(!fields.has(f), f);
});

test('an entity fetch of marked fields only is shareable', () => {
  assert.equal(independence.shareable(entities('...on User{displayName username}'), 'user'), true);
  assert.equal(independence.shareable(entities('__typename ...on User{__typename id avatarUrl}'), 'user'), true);
});

test('a root fetch of marked fields only is shareable, whatever its arguments', () => {
  assert.equal(independence.shareable('query($first:Int){videos(first:$first){edges{node{__typename id title likeCount uploader{__typename id}}}pageInfo{hasNextPage endCursor}}}', 'video'), true);
  assert.equal(independence.shareable('{video(id:"v1"){title coverUrl}}', 'video'), true);
  assert.equal(independence.shareable('{search(query:"cat"){total hits{score highlights{field fragments} node{__typename ...on Video{__typename id} ...on User{__typename id}}}}}', 'search'), true, 'a union field: only fragments on its members');
  assert.equal(independence.shareable('{recommendedVideos(first:10){__typename id}}', 'search'), true);
});

test('anything else stays per viewer', () => {
  assert.equal(independence.shareable('{videos{edges{node{title likedByMe}}}}', 'video'), false, 'one viewer-dependent field under a marked root field');
  assert.equal(independence.shareable('{videos{edges{node{title}}} uploadStatus(uploadId:"u"){status}}', 'video'), false, 'an unmarked root field beside a marked one');
  assert.equal(independence.shareable('{videos{edges{node{title}}}}', 'search'), false, 'a root field of another subgraph');
  assert.equal(independence.shareable('{searchSyncStatus{leader}}', 'search'), false, 'an unmarked root field');
  assert.equal(independence.shareable('subscription{danmakuAdded(videoId:"v"){text}}', 'video'), false, 'subscriptions');
  assert.equal(independence.shareable(entities('...on User{displayName}'), 'chat'), false, 'a subgraph that does not own the marked field');
  assert.equal(independence.shareable(entities('...on User{displayName followedByMe}'), 'user'), false, 'one viewer-dependent field');
  assert.equal(independence.shareable(entities('...on User{privacy{follows}}'), 'user'), false, 'an unmarked object field');
  assert.equal(independence.shareable(entities('...F') + 'fragment F on User{displayName}', 'user'), false, 'named fragments');
  assert.equal(independence.shareable('{ me { displayName } }', 'user'), false, 'root fields');
  assert.equal(independence.shareable('mutation { logout }', 'user'), false);
  assert.equal(independence.shareable('query($representations:[_Any!]!){a:_entities(representations:$representations){...on User{displayName}} b:_entities(representations:$representations){...on User{followedByMe}}}', 'user'), false, 'two root fields');
  assert.equal(independence.shareable('not graphql', 'user'), false);
});
