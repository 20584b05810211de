/**
 * graphql-shield helpers shared by every subgraph: deny by default, errors that
 * keep their codes, and the federation fields composition and the gateway need.
 *
 * Rules return errors rather than throw them: a rule that throws becomes a
 * plain `false` and its code is lost (FINDINGS.md). Caching is per rule:
 * `contextual` only for rules that depend on the viewer alone, never for rules
 * that look at the parent object.
 */
import { allow, rule, shield, deny, type IRules } from 'graphql-shield';
import { ErrorCode, appError, forbidden, unauthenticated } from './errors.js';
import type { BaseContext } from './subgraph.js';

export { allow, deny };

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: BaseContext) =>
  ctx.viewer.userId ? true : unauthenticated(),
);

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: BaseContext) => {
  if (!ctx.viewer.userId) return unauthenticated();
  return ctx.viewer.roles.includes('admin') ? true : forbidden('Only administrators can do this.');
});

/** Another service of the platform (full syncs), never a user: the gateway strips this role from user tokens. */
export const SERVICE_ROLE = 'service';
export const isService = rule({ cache: 'contextual' })((_parent, _args, ctx: BaseContext) =>
  ctx.viewer.roles.includes(SERVICE_ROLE) && !ctx.viewer.userId ? true : forbidden('Only platform services can do this.'),
);

/** Query._service and _Service.sdl (composition) and Query._entities (the gateway's entity fetches). */
export const federationRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
};

export function makeShield(rules: IRules) {
  return shield(rules, {
    fallbackRule: deny,
    fallbackError: appError(ErrorCode.FORBIDDEN, 'You are not allowed to see this field.'),
    // Let resolver errors (BAD_USER_INPUT, NOT_FOUND...) through with their codes.
    allowExternalErrors: true,
    debug: false,
  });
}
