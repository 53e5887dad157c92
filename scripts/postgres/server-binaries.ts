import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
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
 * is copied once per version into a reachable temp directory, world-readable, and reused by later
 * runs (it stays there). A copy found under that predictable name is reused only when we own
 * everything in it and nobody else may write to any of it; otherwise the binaries are copied afresh
 * into `privateDir` (the caller's own directory, removed with it).
 */
export function serverBinaries(
  binaries: EmbeddedBinaries,
  user: ServerUser | undefined,
  privateDir: string,
): EmbeddedBinaries {
  const reachable = (program: string) => user === undefined || reachableBy(program, user);
  if (user === undefined || (reachable(binaries.initdb) && reachable(binaries.postgres))) {
    return binaries;
  }
  const native = dirname(dirname(binaries.postgres)); // <package>/native/bin/postgres
  const parent = reachableDir(sharedDirCandidates(), user);
  const shared = join(parent, `dbauthz-pg-binaries-${packageVersion(native)}`);
  const programs = (target: string) => ({
    initdb: join(target, relative(native, binaries.initdb)),
    postgres: join(target, relative(native, binaries.postgres)),
  });
  if (!existsSync(shared)) {
    const staging = mkdtempSync(join(parent, `${basename(shared)}-`));
    try {
      cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
      chmodSync(staging, 0o755); // mkdtemp made it private
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // a concurrent copy may have won
    }
  }
  if (ownedByUsAlone(shared) && existsSync(programs(shared).postgres)) return programs(shared);
  const fresh = join(privateDir, 'binaries');
  cpSync(native, fresh, { recursive: true, verbatimSymlinks: true });
  chmodSync(fresh, 0o755);
  return programs(fresh);
}

/**
 * Whether `root` is a directory and everything in it is ours: owned by our uid and, symlinks
 * aside, writable by nobody else, so no one else can have planted or swapped a program or library.
 */
function ownedByUsAlone(root: string): boolean {
  const uid = process.getuid?.();
  const ours = (path: string) => {
    const stat = lstatSync(path);
    return stat.uid === uid && (stat.isSymbolicLink() || (stat.mode & 0o022) === 0);
  };
  try {
    if (!lstatSync(root).isDirectory() || !ours(root)) return false;
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).every((entry) =>
      ours(join(root, entry)),
    );
  } catch {
    return false; // missing, or changed while we looked
  }
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
