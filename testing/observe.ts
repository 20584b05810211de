/** Whether a promise has settled yet, without awaiting it: `settled` turns true once it has. */
export function observe(p: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  p.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}
