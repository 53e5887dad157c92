import { randomBytes } from 'node:crypto';

/** The database names one test run owns: its template and the prefix of every per-file clone. */
export interface TestDatabaseNames {
  /** The migrated template every test file clones. */
  readonly template: string;
  /** Every clone of this run starts with this prefix, and no other database does. */
  readonly clonePrefix: string;
}

/** Names unique to this run (process id and start time), so parallel runs on one server never collide. */
export function testDatabaseNames(pid = process.pid, now = Date.now()): TestDatabaseNames {
  const run = `${pid}_${now.toString(36)}`;
  return { template: `dbauthz_tpl_${run}`, clonePrefix: `dbauthz_test_${run}_` };
}

/** A fresh clone name under `clonePrefix`. */
export function cloneName(clonePrefix: string): string {
  return `${clonePrefix}${randomBytes(5).toString('hex')}`;
}
