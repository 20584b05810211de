/**
 * Whatever starts something returns how to stop it. A `DisposableStack` collects
 * those stop functions and runs them in reverse order, so that what was started
 * last (servers) stops before what it depends on (stores, child processes).
 */
export interface Disposable {
  dispose(): Promise<void>;
}

export class DisposableStack implements Disposable {
  private readonly items: { name: string; stop: () => Promise<void> | void }[] = [];
  private disposed?: Promise<void>;

  defer(name: string, stop: () => Promise<void> | void): void {
    this.items.push({ name, stop });
  }

  use<T extends Disposable>(name: string, value: T): T {
    this.defer(name, () => value.dispose());
    return value;
  }

  /** Runs every stop function once, last-in first-out; a failing one does not stop the others. */
  dispose(onError: (name: string, err: unknown) => void = () => {}): Promise<void> {
    this.disposed ??= (async () => {
      for (const item of this.items.reverse()) {
        try {
          await item.stop();
        } catch (err) {
          onError(item.name, err);
        }
      }
    })();
    return this.disposed;
  }
}
