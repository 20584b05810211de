import { allow, federationRules, makeShield } from '../../lib/shield.js';

export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, video: allow, videos: allow },
  Video: allow,
  User: { id: allow },
  VideoConnection: allow,
  VideoEdge: allow,
  PageInfo: allow,
});
