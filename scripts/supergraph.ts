/**
 * Offline composition of the four subgraph SDLs into the supergraph the gateway
 * serves (`schema/supergraph.graphql`, committed) and the client-facing API
 * schema (`schema/api.graphql`, what codegen and Apollo Studio users see).
 */
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { readSchema } from '../lib/process/paths.js';
import { SUBGRAPHS } from '../lib/config.js';

/** Default routing URLs baked into the supergraph; the gateway overrides them from config. */
export const DEFAULT_PORTS = { user: 4001, video: 4002, chat: 4003, search: 4004 } as const;

export function composeSupergraph(): { supergraphSdl: string; apiSdl: string } {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parse(readSchema(name)),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n',
  };
}
