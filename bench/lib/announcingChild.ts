/**
 * A helper process that announces itself: started with tsx, it prints one JSON
 * line on stdout once it is ready (its address, keys...), and nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Starts `script` with `args` and waits for its line; `what` names it in the error when it exits first. */
export async function startAnnouncingChild<T>(script: string, args: string[], what: string): Promise<{ child: ChildProcess; announced: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
  return { child, announced: JSON.parse(line) as T };
}
