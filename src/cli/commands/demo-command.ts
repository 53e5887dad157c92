import postgres from 'postgres';
import { createDatabase } from '../../../db/database.ts';
import { migrate } from '../../../db/migrate.ts';
import { createRawStore, type RawStore } from '../../../db/queries/index.ts';
import { resolvePostgres } from '../../../scripts/postgres/resolve-postgres.ts';
import { CliError, describeError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { createDemoApiKey } from '../demo/demo-api-key.ts';
import { createDemoDatabase } from '../demo/demo-database.ts';
import { createProgress } from '../demo/progress.ts';
import { tellStory } from '../demo/tell-story.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { type Deployment, seedDeployment } from '../seed/seed-deployment.ts';
import { redact } from './migrate-command.ts';

/** Help text of `dbauthz demo` (`npm start`). */
export const demoHelp = `Usage: dbauthz demo [--keep]      (in a clone of the repository: npm start)

Starts PostgreSQL (DATABASE_URL when set, else an embedded PostgreSQL 15), creates a fresh
database, migrates it, seeds a small deployment (two organizations, an owner, an auditor, a
template admin, an org admin, members with and without workspace access, a member under the
creation ban, groups, shared templates, workspaces incl. a dormant and a prebuilt one, builds with
provisioner state, logs and secrets), then shows who may do what through the authorized store.

Options:
  --keep       keep the database (and, for the embedded server, keep serving it until Ctrl-C
               or SIGTERM) and print its URL, a user, a workspace id and an API key to try
               \`dbauthz explain\` and the example app with
  -h, --help   show this help`;

/** `dbauthz demo`: the runnable story behind `npm start`; removes everything it made unless `--keep`. */
export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('demo', args, { keep: { type: 'boolean' } });
  if (values.help) {
    io.out(demoHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new CliError(
      'usage',
      `demo: unexpected argument ${positionals[0]} (see dbauthz demo --help)`,
    );
  }
  await checkDatabaseUrl(io.env.DATABASE_URL);
  const began = performance.now();
  const step = createProgress(5, io.err);
  const server = await step('starting PostgreSQL', () =>
    resolvePostgres({ env: io.env, log: io.err }).catch((error: unknown) => {
      throw new CliError(
        'no_database',
        `demo: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }),
  );
  let keepServing = false;
  let tryIt = '';
  try {
    const database = await step('creating and migrating a fresh database', async () => {
      const created = await createDemoDatabase(server.url);
      await migrate(created.url);
      return created;
    });
    const client = postgres(database.url, { max: 4, onnotice: () => {} });
    try {
      const raw = createRawStore(createDatabase(client));
      const deployment = await step('seeding the deployment', () =>
        seedDeployment(raw, (what) => io.err(`      ${what}`)),
      );
      const story = await step('asking the authorized store', () => tellStory(raw, deployment));
      if (values.keep) tryIt = await keptDatabaseGuide(raw, deployment, database.url);
      await step('tidying up', async () => {
        await client.end({ timeout: 5 });
        if (!values.keep) await database.drop();
      });
      io.out(story);
    } finally {
      await client.end({ timeout: 5 });
    }
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    io.out(`\nDone in ${seconds} s (PostgreSQL from ${server.source}).`);
    if (values.keep) {
      io.out(tryIt);
      keepServing = server.source !== 'DATABASE_URL';
      if (keepServing)
        io.out('The embedded server keeps running until Ctrl-C or SIGTERM, then it is removed.');
    } else {
      io.out(
        `Removed the demo database${server.source === 'DATABASE_URL' ? ` from ${redact(server.url)}` : ' and stopped the server'}.`,
      );
    }
  } finally {
    if (!keepServing) await server.stop();
  }
  if (keepServing) await untilSignal(() => server.stop());
  return 0;
}

/**
 * Fails with one `no_database` line, the driver's reason, when a DATABASE_URL is set but does not
 * answer (before anything is printed); a malformed one is left to resolvePostgres to refuse.
 */
async function checkDatabaseUrl(url: string | undefined): Promise<void> {
  if (url === undefined || !/^postgres(ql)?:\/\//.test(url)) return;
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`SELECT 1`;
  } catch (error) {
    throw new CliError(
      'no_database',
      `demo: cannot reach the database at DATABASE_URL (${redact(url)}): ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** Resolves after SIGINT or SIGTERM, once `cleanup` has run. */
function untilSignal(cleanup: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {}, 1 << 30);
    const stop = () => {
      clearInterval(timer);
      cleanup().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** What to try on a kept database: its URL, a user with an API key, and one of her workspaces. */
async function keptDatabaseGuide(
  raw: RawStore,
  deployment: Deployment,
  url: string,
): Promise<string> {
  const user = deployment.people.member;
  const workspace = deployment.workspaces.miaDev.workspace;
  const key = await createDemoApiKey(raw, user.id);
  return [
    `Kept the database: DATABASE_URL=${url}`,
    `User: ${user.username} (a member of acme); her workspace ${workspace.name}: ${workspace.id}`,
    `API key of ${user.username} (until ${key.expiresAt.toISOString().slice(0, 10)}): ${key.key}`,
    'Try (in another terminal):',
    `  DATABASE_URL='${url}' npx dbauthz explain --as ${user.username} start workspace ${workspace.id}`,
    `The example app (in a clone of the repository), then a request to it as ${user.username}:`,
    `  DATABASE_URL='${url}' npm run example`,
    `  curl -H 'Authorization: Bearer ${key.key}' http://127.0.0.1:8080/workspaces/${workspace.id}`,
  ].join('\n');
}
