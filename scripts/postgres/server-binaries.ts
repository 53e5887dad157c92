import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import type { EmbeddedBinaries } from './embedded-binaries.ts';
import { reachableBy } from './reachable-by.ts';
import type { ServerUser } from './server-user.ts';

/** Directories tried, in order, for files the server account must reach. */
export function sharedDirCandidates(preferred?: string): string[] {
  return [...(preferred === undefined ? [] : [preferred]), tmpdir(), '/tmp', '/var/tmp'];
}

/** The first of `candidates` that `user` can reach, failing with what to do when none is. */
export function reachableDir(candidates: readonly string[], user: ServerUser): string {
  const found = candidates.find((dir) => existsSync(dir) && reachableBy(dir, user));
  if (found === undefined) {
    throw new Error(
      `none of ${candidates.join(', ')} is reachable by the ${user.name} account PostgreSQL runs as; ` +
        'set TMPDIR to a directory it can enter',
    );
  }
  return found;
}

/**
 * The binaries as `user` can run them. When the clone sits in a directory that account cannot
 * enter (root's private `mktemp -d`, `/root/...`), the package's `native` tree (bin, lib, share)
 * is copied once per version into a reachable temp directory, world-readable, and reused.
 */
export function serverBinaries(
  binaries: EmbeddedBinaries,
  user: ServerUser | undefined,
): EmbeddedBinaries {
  const reachable = (program: string) => user === undefined || reachableBy(program, user);
  if (user === undefined || (reachable(binaries.initdb) && reachable(binaries.postgres))) {
    return binaries;
  }
  const native = dirname(dirname(binaries.postgres)); // <package>/native/bin/postgres
  const parent = reachableDir(sharedDirCandidates(), user);
  const target = join(parent, `dbauthz-pg-binaries-${packageVersion(native)}`);
  const moved = (program: string) => join(target, relative(native, program));
  if (!existsSync(moved(binaries.postgres))) {
    const staging = mkdtempSync(join(parent, `${basename(target)}-`));
    try {
      cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
      chmodSync(staging, 0o755); // mkdtemp made it private
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(moved(binaries.postgres))) throw error; // a concurrent copy won otherwise
    }
  }
  return { initdb: moved(binaries.initdb), postgres: moved(binaries.postgres) };
}

/** The version of the platform package that holds `native` (so a new version gets a new copy). */
function packageVersion(native: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
