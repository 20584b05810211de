/**
 * The things the fuzzer aims at, made before it starts, through the API as
 * their owners would make them:
 *
 * - an owner's **sentinels**: a video, a comment on it, a private favourite
 *   folder holding it, a direct conversation with a peer (two messages) and a
 *   group with the peer. The fuzz user is in none of them, so nothing it sends
 *   may change them: `snapshot()` reads them back as their owner, before and
 *   after, and the two readings must be identical (counts that anyone may
 *   move — followers, likes, views, comments by others — are left out);
 * - the fuzz user's **own** things (a video, comment, folder, conversation,
 *   group, an upload in progress), so that generated arguments reach the
 *   resolvers' checks on real records, not only "not found".
 *
 * Their ids (and the video's sha256, the owner's username) are the known
 * values the generators pick from.
 */
import type { KnownValues } from './values.js';

export interface WorldUsers {
  owner: { id: string; username: string };
  peer: { id: string; username: string };
  fuzzer: { id: string; username: string };
}

export interface WorldDeps {
  url: string;
  users: WorldUsers;
  /** A video of the owner's and one of the fuzz user's (written through the store: a published video needs ffmpeg and an upload). */
  videos: { owner: string; fuzzer: string };
  tokenFor(userId: string): Promise<string>;
}

export interface World {
  known: KnownValues;
  fuzzerToken: string;
  /** The sentinels as their owner reads them. */
  snapshot(): Promise<unknown>;
}

async function call<T>(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`world setup: ${query.slice(0, 60)} answered ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const SNAPSHOT = `query($s: ID!, $v: ID!, $c: ID!, $g: ID!, $d: ID!) {
  me { id username displayName bio createdAt privacy { favourites follows } }
  user(id: $s) { id username displayName bio createdAt }
  video(id: $v) { id title description tags size sha256 durationMs width height createdAt uploader { id } comments(first: 100) { edges { node { id text parentId author { id } createdAt } } } }
  conversation(id: $c) { id kind title lastSeq owner { id } members { id } createdAt }
  group: conversation(id: $g) { id kind title lastSeq owner { id } members { id } createdAt }
  messages(conversationId: $c) { id seq text recalled sender { id } clientMessageId createdAt }
  favouriteFolder(id: $d) { id name isPublic videoCount createdAt videos { edges { node { id } } } }
}`;

interface SnapshotData {
  video: { comments: { edges: { node: { id: string } }[] } } | null;
}

export async function prepareWorld(deps: WorldDeps): Promise<World> {
  const { url, users, videos } = deps;
  const [ownerToken, fuzzerToken] = await Promise.all([deps.tokenFor(users.owner.id), deps.tokenFor(users.fuzzer.id)]);

  // The owner's sentinels.
  const conv = await call<{ startConversation: { id: string } }>(url, ownerToken, `mutation($u: ID!) { startConversation(userId: $u) { id } }`, { u: users.peer.id });
  const send = `mutation($c: ID!, $t: String!, $k: String) { sendMessage(conversationId: $c, text: $t, clientMessageId: $k) { id } }`;
  const m1 = await call<{ sendMessage: { id: string } }>(url, ownerToken, send, { c: conv.startConversation.id, t: 'sentinel message one', k: 'sentinel-1' });
  await call(url, ownerToken, send, { c: conv.startConversation.id, t: 'sentinel message two', k: 'sentinel-2' });
  const group = await call<{ createGroup: { id: string } }>(url, ownerToken, `mutation($m: [ID!]!) { createGroup(title: "Sentinel group", memberIds: $m) { id } }`, { m: [users.peer.id] });
  const comment = await call<{ addComment: { id: string } }>(url, ownerToken, `mutation($v: ID!) { addComment(videoId: $v, text: "sentinel comment") { id } }`, { v: videos.owner });
  const folder = await call<{ createFavouriteFolder: { id: string } }>(url, ownerToken, `mutation { createFavouriteFolder(name: "Sentinel folder", isPublic: false) { id } }`);
  await call(url, ownerToken, `mutation($d: ID!, $v: ID!) { addToFavourites(folderId: $d, videoId: $v) { id } }`, { d: folder.createFavouriteFolder.id, v: videos.owner });
  const sha = await call<{ video: { sha256: string } }>(url, undefined, `query($v: ID!) { video(id: $v) { sha256 } }`, { v: videos.owner });

  // The fuzz user's own things.
  const ownConv = await call<{ startConversation: { id: string } }>(url, fuzzerToken, `mutation($u: ID!) { startConversation(userId: $u) { id } }`, { u: users.peer.id });
  const ownMessage = await call<{ sendMessage: { id: string } }>(url, fuzzerToken, send, { c: ownConv.startConversation.id, t: 'own message', k: 'own-1' });
  const ownGroup = await call<{ createGroup: { id: string } }>(url, fuzzerToken, `mutation($m: [ID!]!) { createGroup(title: "Own group", memberIds: $m) { id } }`, { m: [users.peer.id] });
  const ownComment = await call<{ addComment: { id: string } }>(url, fuzzerToken, `mutation($v: ID!) { addComment(videoId: $v, text: "own comment") { id } }`, { v: videos.fuzzer });
  const ownFolder = await call<{ createFavouriteFolder: { id: string } }>(url, fuzzerToken, `mutation { createFavouriteFolder(name: "Own folder") { id } }`);
  const upload = await call<{ initUpload: { upload: { id: string } } }>(url, fuzzerToken, `mutation($h: String!) { initUpload(filename: "own.mp4", size: 6000000, sha256: $h) { upload { id } } }`, { h: 'cd'.repeat(32) });

  const ids = {
    owner: users.owner.id,
    peer: users.peer.id,
    self: users.fuzzer.id,
    video: videos.owner,
    ownVideo: videos.fuzzer,
    conversation: conv.startConversation.id,
    group: group.createGroup.id,
    message: m1.sendMessage.id,
    comment: comment.addComment.id,
    folder: folder.createFavouriteFolder.id,
    ownConversation: ownConv.startConversation.id,
    ownGroup: ownGroup.createGroup.id,
    ownMessage: ownMessage.sendMessage.id,
    ownComment: ownComment.addComment.id,
    ownFolder: ownFolder.createFavouriteFolder.id,
    upload: upload.initUpload.upload.id,
  };
  const variables = { s: ids.owner, v: ids.video, c: ids.conversation, g: ids.group, d: ids.folder };
  return {
    known: { ids, strings: { ownerName: users.owner.username, videoSha256: sha.video.sha256 } },
    fuzzerToken,
    snapshot: async () => {
      const data = await call<SnapshotData>(url, ownerToken, SNAPSHOT, variables);
      // Anyone signed in may comment on the video: only the owner's comment is a sentinel.
      if (data.video) data.video.comments.edges = data.video.comments.edges.filter((e) => e.node.id === ids.comment);
      return data;
    },
  };
}
