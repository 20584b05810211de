/**
 * graphql-shield helpers shared by every subgraph: deny by default, errors that
 * keep their codes, and the federation fields composition and the gateway need.
 *
 * Rules return errors rather than throw them: a rule that throws becomes a
 * plain `false` and its code is lost (graphql-shield catches it and, unless
 * `debug` is on, answers with its fallback error). Caching is per rule:
 * `contextual` only for rules that depend on the viewer alone, never for rules
 * that look at the parent object.
 */
import { createRequire } from 'node:module';
import type { GraphQLSchema } from 'graphql';
import { middleware, type IMiddlewareFieldMap } from 'graphql-middleware';
import type { IRules } from 'graphql-shield';
import { ErrorCode, appError, forbidden, unauthenticated } from '../errors.js';
import type { BaseContext } from '../server/subgraph.js';

/*
 * graphql-shield is loaded through its CommonJS build, and every other module
 * takes it from here (ESLint forbids importing 'graphql-shield' elsewhere).
 * Its ESM build (7.6.5, the latest release; no maintained fork exists) has
 * `import { isUndefined } from 'util'`, an export Node 23 removed: on Node 24
 * that import fails at link time and no service could start. The CommonJS
 * build reads `util.isUndefined` only when chain() or race() rules run, so
 * loading it works on every Node version; chain and race are therefore not
 * re-exported (they would throw a TypeError on Node >= 23). Loading the CJS
 * build needs no patched copy of node_modules and no extra dependency. It is
 * a single graphql instance either way: graphql 16 has no "exports" map, so
 * `import` and `require` both resolve to its CommonJS index.js.
 */
const require = createRequire(import.meta.url);
const { allow, deny, rule, shield } = require('graphql-shield') as Pick<
  typeof import('graphql-shield'),
  'allow' | 'deny' | 'rule' | 'shield'
>;

export { allow, deny, rule };

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

function isRule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { resolve?: unknown }).resolve === 'function';
}

/** The rule graphql-shield applies to one field (same lookup as its generator: field, then '*', then the fallback). */
export function effectiveRule(rules: IRules, typeName: string, field: string): unknown {
  const typeRule = (rules as Record<string, unknown>)[typeName];
  if (typeRule === undefined) return deny;
  if (Object.getPrototypeOf(typeRule) !== Object.prototype) return typeRule;
  const fieldRules = typeRule as Record<string, unknown>;
  // As graphql-shield: a map holding anything but rules is not a field map (and denies).
  if (!Object.values(fieldRules).every(isRule)) return deny;
  return fieldRules[field] ?? fieldRules['*'] ?? deny;
}

/**
 * graphql-shield with deny by default. Fields whose rule is `allow` are left
 * unwrapped: shield would wrap them in an async middleware that always calls
 * the resolver, turning every plain field (a title, an id) into a promise; in
 * the video subgraph that was the larger part of executing a page of videos.
 * Every field with any other rule, and every field without one (denied), keeps
 * shield's middleware.
 */
export function makeShield(rules: IRules) {
  const generator = shield(rules, {
    fallbackRule: deny,
    fallbackError: appError(ErrorCode.FORBIDDEN, 'You are not allowed to see this field.'),
    // Let resolver errors (BAD_USER_INPUT, NOT_FOUND...) through with their codes.
    allowExternalErrors: true,
    debug: false,
  });
  const generated = middleware((schema: GraphQLSchema) => {
    const map = generator.generate(schema) as Record<string, Record<string, unknown>>;
    for (const [typeName, fields] of Object.entries(map)) {
      for (const field of Object.keys(fields)) if (effectiveRule(rules, typeName, field) === allow) delete fields[field];
    }
    return map as IMiddlewareFieldMap;
  });
  // The rules stay readable: a test checks them against the schemas' @viewerIndependent marks.
  return Object.assign(generated, { rules });
}
