// The `dbauthz` command: `demo`, `explain`, `roles`, `migrate`. `bin/dbauthz.js` runs it via tsx.
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.ts';
import { type CliIo, processIo } from './cli-io.ts';

/** Help text of `dbauthz` itself. */
export const mainHelp = `Usage: dbauthz <command> [options]

Commands:
  demo                                        seed a deployment and show who may do what (npm start)
  explain --as <username> <action> <type> <id> explain one decision against the database
  roles [--markdown]                          the built-in roles against resources and actions
  migrate                                     apply the migrations to DATABASE_URL

Run \`dbauthz <command> --help\` for a command's options.`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  demo: async () => (await import('./commands/demo-command.ts')).demoCommand,
  explain: async () => (await import('./commands/explain-command.ts')).explainCommand,
  roles: async () => (await import('./commands/roles-command.ts')).rolesCommand,
  migrate: async () => (await import('./commands/migrate-command.ts')).migrateCommand,
};

/** Runs the CLI on `argv` (without node and script) and resolves with the exit code; never exits. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(mainHelp);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  try {
    if (load === undefined) {
      throw new CliError(
        'usage',
        `unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`,
      );
    }
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`dbauthz: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
