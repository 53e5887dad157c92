import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { withTimeout } from './with-timeout.ts';

/** Places testcontainers looks for a container runtime without any configuration. */
function candidateSockets(env: NodeJS.ProcessEnv): string[] {
  const home = homedir();
  const sockets = [
    '/var/run/docker.sock',
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(userInfo().uid), 'docker.sock'),
  ];
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir !== undefined && runtimeDir !== '') sockets.push(join(runtimeDir, 'docker.sock'));
  return sockets;
}

/** Whether anything points at a container runtime, judged from env, config file and sockets only. */
export function containerRuntimeConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.DOCKER_HOST || env.TESTCONTAINERS_HOST_OVERRIDE) return true;
  if (existsSync(join(homedir(), '.testcontainers.properties'))) return true;
  if (process.platform === 'win32') return true; // named pipes cannot be probed with existsSync
  return candidateSockets(env).some((socket) => existsSync(socket));
}

/**
 * Whether a container runtime answers within `timeoutMs`: skips the probe (and the testcontainers
 * import) when nothing is configured, so a machine without Docker decides at once.
 */
export async function containerRuntimeAvailable(
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ available: boolean; reason: string }> {
  if (!containerRuntimeConfigured(env)) {
    return {
      available: false,
      reason: 'testcontainers: no DOCKER_HOST and no Docker socket found',
    };
  }
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), timeoutMs, `no answer within ${timeoutMs} ms`);
    return { available: true, reason: 'testcontainers: container runtime answered' };
  } catch (error) {
    return { available: false, reason: `testcontainers: ${errorMessage(error)}` };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
