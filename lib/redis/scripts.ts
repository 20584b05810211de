/**
 * Lua scripts as named Redis commands (ioredis `defineCommand`): each runs by
 * EVALSHA, and by EVAL once when the server's script cache was emptied (a
 * restart, SCRIPT FLUSH). A module lists its scripts in one place, with the
 * TypeScript signature of each command, and gets them on a client with
 * `scripts(redis)`; every client is given the commands once, on first use.
 *
 * Keys always reach a script as KEYS, never built inside it, so that Redis
 * Cluster can route the call. A script with a fixed number of keys declares
 * `numberOfKeys` and takes its keys, then its arguments; one whose keys vary
 * leaves it out and takes the number of keys as its first argument.
 */
import type { Redis } from 'ioredis';

export interface LuaScript {
  readonly lua: string;
  readonly numberOfKeys?: number;
}

type Commands<C> = { [K in keyof C]: (...args: never[]) => Promise<unknown> };

/** `C` names each command and gives its signature; command names share one namespace per client, so prefix them with the module. */
export function defineScripts<C extends Commands<C>>(definitions: { readonly [K in keyof C]: LuaScript }): (redis: Redis) => C {
  const defined = new WeakMap<Redis, C>();
  return (redis) => {
    let commands = defined.get(redis);
    if (!commands) {
      const client = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const entries = Object.entries(definitions as Record<string, LuaScript>).map(([name, { lua, numberOfKeys }]) => {
        redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
        return [name, (...args: unknown[]) => client[name]!(...args)] as const;
      });
      commands = Object.fromEntries(entries) as unknown as C;
      defined.set(redis, commands);
    }
    return commands;
  };
}
