import { execFileSync } from 'node:child_process';

/** An OS account to run PostgreSQL as. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Accounts tried, in order, when we are root: PostgreSQL refuses to run as root. */
const CANDIDATES = ['postgres', 'nobody'] as const;

/**
 * The account PostgreSQL must run as: `undefined` (ourselves) unless we are root, then an existing
 * `postgres` or `nobody` account; never creates one, and fails when neither exists.
 */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of CANDIDATES) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }));
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }));
      if (Number.isInteger(uid) && Number.isInteger(gid) && uid !== 0) return { name, uid, gid };
    } catch {
      // no such account: try the next one
    }
  }
  throw new Error(
    `running as root and no ${CANDIDATES.join(' or ')} account exists to run PostgreSQL as ` +
      '(PostgreSQL refuses root): create one, e.g. `useradd --system postgres`',
  );
}
