import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./app-worker.ts', import.meta.url));

/** What one app process saw: each request's times and answer, and the usage it tracked. */
export interface AppProcessReport {
  readonly requests: readonly { startedAt: number; endedAt: number; allowed: boolean }[];
  readonly tracked: { readonly allowed: number; readonly denied: number };
}

/** A running app process: `ready` once it serves requests; `stop()` resolves with its report. */
export interface AppProcess {
  readonly ready: Promise<void>;
  stop(): Promise<AppProcessReport>;
}

/**
 * Starts one application process (`app-worker.ts`) serving `userId`'s reads of `workspaceId`
 * against `url` until stopped.
 */
export function startAppProcess(url: string, userId: string, workspaceId: string): AppProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', worker, url, userId, workspaceId],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.includes('ready\n')) markReady();
  });
  const exited = new Promise<AppProcessReport>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`app process exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as AppProcessReport);
    });
  });
  return {
    ready,
    stop: () => {
      child.stdin?.end('stop\n');
      return exited;
    },
  };
}
