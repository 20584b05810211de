/**
 * Stopping a child process the one way every launcher here does it: SIGTERM,
 * and SIGKILL if it has not exited within a bound. Written here rather than
 * taken from a library because the ones that do this (execa's
 * forceKillAfterDelay, for one) only manage processes they spawned themselves,
 * and the children here are spawned with options of their own (IPC channels,
 * process groups) by node:child_process.
 */
import type { ChildProcess } from 'node:child_process';

export interface StopChildOptions {
  /** How long the process may take to exit after SIGTERM. */
  timeoutMs: number;
  /** Sends the SIGKILL, e.g. to the child's whole process group. @default child.kill('SIGKILL') */
  kill?: () => void;
  /** Called when the bound has passed, just before the SIGKILL (to say so). */
  onTimeout?: () => void;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * SIGTERM, then SIGKILL if the process is still running `timeoutMs` later.
 * Resolves once it has exited: 'exited' by itself, 'killed' after the SIGKILL.
 * A process that had already exited, or never started, resolves at once.
 */
export async function stopChild(child: ChildProcess, opts: StopChildOptions): Promise<'exited' | 'killed'> {
  if (child.pid === undefined || hasExited(child)) return 'exited';
  // exitCode/signalCode are set just before 'exit' is emitted, so no exit falls between the check above and this.
  const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
  });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'exited') return result;
  opts.onTimeout?.();
  if (opts.kill) opts.kill();
  else child.kill('SIGKILL');
  await exited;
  return 'killed';
}
