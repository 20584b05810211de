import { allow, federationRules, isAuthenticated, makeShield } from '../../lib/shield.js';

// Conversation and Message objects only ever reach a viewer through resolvers
// that checked membership (queries and __resolveReference), so their fields are
// allowed once the object exists; the entry points require a signed-in viewer.
export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, conversation: isAuthenticated, messages: isAuthenticated },
  Conversation: allow,
  Message: allow,
  User: { id: allow },
});
