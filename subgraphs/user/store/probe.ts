/**
 * A seam for the contract suites: an adapter calls `afterWrite(step)` after the
 * first write of a follow or unfollow, inside its transaction, so a test can
 * make it fail there and check that nothing of it stays. Production passes no
 * probe.
 */
export interface AdapterOptions {
  /** Called after the first write of an all-or-nothing operation, inside its transaction; throwing aborts it. */
  afterWrite?: (step: AtomicStep) => void;
}

export type AtomicStep = 'follow: follow stored' | 'unfollow: follow removed';
