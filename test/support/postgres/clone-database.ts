import { setTimeout as sleep } from 'node:timers/promises';
import { quoteIdentifier } from './quote-identifier.ts';
import { withServerClient } from './with-server-client.ts';

/** SQLSTATE object_in_use: "source database is being accessed by other users". */
const OBJECT_IN_USE = '55006';
const ATTEMPTS = 20;

/** Creates database `name` as a copy of `template`, retrying while another session holds the template. */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
  name: string,
): Promise<void> {
  const statement = `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`;
  await withServerClient(serverUrl, async (sql) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sql.unsafe(statement);
        return;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code !== OBJECT_IN_USE || attempt === ATTEMPTS) {
          throw new Error(`could not clone template ${template} into ${name}: ${String(error)}`, {
            cause: error,
          });
        }
        await sleep(50 + Math.random() * 100 * attempt);
      }
    }
  });
}
