/**
 * A seam for the contract suites: an adapter calls `afterWrite(step)` between
 * the writes of each operation it promises to be all or nothing (publish, like,
 * unlike), so a test can make the operation fail right after its first write
 * and check that nothing of it stays. Production passes no probe.
 */
export interface AdapterOptions {
  /** Called after the first write of an all-or-nothing operation, inside its transaction; throwing aborts it. */
  afterWrite?: (step: AtomicStep) => void;
}

export type AtomicStep = 'publish: upload moved' | 'like: like stored' | 'unlike: like removed';
