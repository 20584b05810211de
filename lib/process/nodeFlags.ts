/**
 * Node/V8 flags a service process starts with, wherever it is started: the
 * launcher (`npm start`), docker-compose.yml and the Dockerfile's default
 * command (checked against this list by scripts/compose-config.test.ts), and
 * the benchmarks.
 *
 * The gateway allocates heavily per request (query plan execution, result
 * shaping, JSON of every subgraph answer) and almost nothing of it outlives the
 * request. With V8's default young generation (16 MiB semi-spaces) that
 * garbage is scavenged every few milliseconds under load; 64 MiB semi-spaces
 * scavenge a quarter as often, which lowers the gateway's CPU per request.
 * The cost is up to 3 x 64 MiB of young generation, committed only as it is
 * used.
 */
export const NODE_FLAGS: Record<'gateway' | 'subgraph', readonly string[]> = {
  gateway: ['--max-semi-space-size=64'],
  subgraph: [],
};
