import postgres from 'postgres';
import { createDatabase } from '../../../db/database.ts';
import { migrate } from '../../../db/migrate.ts';
import { createRawStore } from '../../../db/queries/index.ts';
import { resolvePostgres } from '../../../scripts/postgres/resolve-postgres.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { createDemoDatabase } from '../demo/demo-database.ts';
import { createProgress } from '../demo/progress.ts';
import { tellStory } from '../demo/tell-story.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { seedDeployment } from '../seed/seed-deployment.ts';
import { redact } from './migrate-command.ts';

/** Help text of `dbauthz demo` (`npm start`). */
export const demoHelp = `Usage: dbauthz demo [--keep]      (npm start)

Starts PostgreSQL (DATABASE_URL when set, else an embedded PostgreSQL 15), creates a fresh
database, migrates it, seeds a small deployment (two organizations, an owner, an auditor, a
template admin, an org admin, members with and without workspace access, a member under the
creation ban, groups, shared templates, workspaces incl. a dormant and a prebuilt one, builds with
provisioner state, logs and secrets), then shows who may do what through the authorized store.

Options:
  --keep       keep the database (and, for the embedded server, keep serving it until Ctrl-C)
               and print its URL, e.g. for \`DATABASE_URL=... dbauthz explain\`
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
      io.out(`Kept the database: DATABASE_URL=${database.url}`);
      io.out(
        'Try: DATABASE_URL=<that url> npx dbauthz explain --as max create workspace <workspace id>',
      );
      keepServing = server.source !== 'DATABASE_URL';
      if (keepServing)
        io.out('The embedded server keeps running until Ctrl-C, then it is removed.');
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
