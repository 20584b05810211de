import { allow, federationRules, makeShield } from '../../lib/shield.js';

export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, search: allow },
  SearchResult: allow,
  SearchHit: allow,
  SearchHighlight: allow,
  Video: { id: allow },
  User: { id: allow },
});
