import { allow, federationRules, isAdmin, makeShield } from '../../lib/auth/shield.js';

export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, search: allow, suggest: allow, recommendedVideos: allow, searchSyncStatus: isAdmin },
  Mutation: { reindex: isAdmin, reindexDeadLetters: isAdmin },
  SearchResult: allow,
  SearchHit: allow,
  SearchHighlight: allow,
  Suggestion: allow,
  SearchSyncStatus: allow,
  ReindexResult: allow,
  DeadLetterRetry: allow,
  Video: { id: allow },
  User: { id: allow },
});
