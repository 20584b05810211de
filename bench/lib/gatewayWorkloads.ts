/**
 * The queries bench/gateway.ts measures (`--query`), each with the fetches
 * its plan makes, sent to each subgraph directly for the ceiling.
 */
import type { SubgraphName } from '../../lib/config.js';

export const PAGE = 10;
// Operations stay strings here: the load generator sends these exact bodies to every gateway and to subgraphs directly, `_entities` included.
/** What a plan asks the user subgraph for the uploaders of a page of videos. */
const USER_QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { username displayName } } }';
const VIDEO_ENTITIES_QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Video { title likeCount uploader { __typename id } } } }';

/** One subgraph fetch of the query's plan, sent to the subgraph directly (the ceiling). */
export interface DirectFetch {
  subgraph: SubgraphName;
  body: string;
  check: (parsed: unknown) => string | null;
}

/** A query the gateways are measured with, and the fetches its plan makes. */
export interface Workload {
  query: string;
  /** The videos of a gateway's answer (each must have a title and an uploader's username and display name). */
  videos: (data: Record<string, unknown> | null | undefined) => unknown;
  /** The plan's fetches, each answered as the plan would need it; waits until the data is there (the search index fills after start). */
  directs: (ask: (subgraph: SubgraphName, body: Record<string, unknown>) => Promise<unknown>) => Promise<DirectFetch[]>;
}

const uploadersOf = (nodes: { uploader: { id: string } }[]) => [...new Set(nodes.map((n) => n.uploader.id))].map((id) => ({ __typename: 'User', id }));
const userFetch = (nodes: { uploader: { id: string } }[]): DirectFetch => ({
  subgraph: 'user',
  body: JSON.stringify({ query: USER_QUERY, variables: { representations: uploadersOf(nodes) } }),
  check: (parsed) => {
    const entities = (parsed as { data?: { _entities?: { username?: unknown }[] } }).data?._entities;
    if (!Array.isArray(entities) || entities.length === 0) return 'no entities';
    return entities.every((u) => typeof u?.username === 'string') ? null : 'an entity lacks its username';
  },
});
const videoNodesCheck = (nodes: unknown): string | null => {
  if (!Array.isArray(nodes) || nodes.length !== PAGE) return `expected ${PAGE} videos`;
  return nodes.every((n: { title?: unknown; uploader?: { id?: unknown } } | null) => typeof n?.title === 'string' && typeof n.uploader?.id === 'string') ? null : 'a video lacks title or uploader id';
};

export const WORKLOADS = {
  /** A page of videos with their uploaders: video subgraph, then user subgraph. */
  page: {
    query: `{ videos(first: ${PAGE}) { edges { node { title likeCount uploader { username displayName } } } } }`,
    videos: (data) => (data?.videos as { edges?: { node: unknown }[] } | undefined)?.edges?.map((e) => e.node),
    directs: async (ask) => {
      const query = `{ videos(first: ${PAGE}) { edges { node { title likeCount uploader { __typename id } } } } }`;
      const nodes = ((await ask('video', { query })) as { data?: { videos?: { edges?: { node: { uploader: { id: string } } }[] } } }).data?.videos?.edges?.map((e) => e.node);
      const problem = videoNodesCheck(nodes);
      if (problem) throw new Error(`the video subgraph did not answer the page: ${problem}`);
      return [
        { subgraph: 'video', body: JSON.stringify({ query }), check: (parsed) => videoNodesCheck((parsed as { data?: { videos?: { edges?: { node: unknown }[] } } }).data?.videos?.edges?.map((e) => e.node)) },
        userFetch(nodes!),
      ];
    },
  },
  /** Recommended videos with their uploaders: search subgraph, then video subgraph, then user subgraph. */
  recommended: {
    query: `{ recommendedVideos(first: ${PAGE}) { title likeCount uploader { username displayName } } }`,
    videos: (data) => data?.recommendedVideos,
    directs: async (ask) => {
      const query = `{ recommendedVideos(first: ${PAGE}) { __typename id } }`;
      const idsCheck = (parsed: unknown) => {
        const list = (parsed as { data?: { recommendedVideos?: { id?: unknown }[] } }).data?.recommendedVideos;
        return Array.isArray(list) && list.length === PAGE && list.every((v) => typeof v?.id === 'string') ? null : `expected ${PAGE} recommended ids`;
      };
      // The search subgraph indexes the seeded videos in its first full sync, after it is ready.
      const deadline = Date.now() + 120_000;
      let found: unknown = await ask('search', { query });
      while (idsCheck(found) !== null) {
        if (Date.now() > deadline) throw new Error(`the search subgraph did not recommend ${PAGE} videos within 120 s: ${JSON.stringify(found).slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 250));
        found = await ask('search', { query });
      }
      const representations = (found as { data: { recommendedVideos: { id: string }[] } }).data.recommendedVideos.map((v) => ({ __typename: 'Video', id: v.id }));
      const videoBody = { query: VIDEO_ENTITIES_QUERY, variables: { representations } };
      const nodes = ((await ask('video', videoBody)) as { data?: { _entities?: { uploader: { id: string } }[] } }).data?._entities;
      const problem = videoNodesCheck(nodes);
      if (problem) throw new Error(`the video subgraph did not answer the recommended videos: ${problem}`);
      return [
        { subgraph: 'search', body: JSON.stringify({ query }), check: idsCheck },
        { subgraph: 'video', body: JSON.stringify(videoBody), check: (parsed) => videoNodesCheck((parsed as { data?: { _entities?: unknown } }).data?._entities) },
        userFetch(nodes!),
      ];
    },
  },
} satisfies Record<string, Workload>;
export type WorkloadName = keyof typeof WORKLOADS;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** The check applied to a gateway's sampled bodies (and to one answer before each load). */
export function checkAnswer(workload: Workload, parsed: unknown): string | null {
  const body = parsed as GraphQLBody;
  if (body.errors?.length) return 'GraphQL errors';
  const nodes = workload.videos(body.data) as { title?: unknown; uploader?: { username?: unknown; displayName?: unknown } }[] | undefined;
  if (!Array.isArray(nodes) || nodes.length !== PAGE) return `expected ${PAGE} videos`;
  return nodes.every((n) => typeof n?.title === 'string' && typeof n.uploader?.username === 'string' && typeof n.uploader.displayName === 'string')
    ? null
    : 'a video lacks title or uploader username/displayName';
}

