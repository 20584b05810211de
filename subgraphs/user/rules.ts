import { allow, federationRules, makeShield } from '../../lib/shield.js';

export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, me: allow, user: allow, userByUsername: allow },
  // Public profile fields; private ones (settings, email) get their own rules.
  User: { id: allow, username: allow, displayName: allow, bio: allow, avatarUrl: allow, createdAt: allow },
});
