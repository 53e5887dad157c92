// The `dbauthz` command: `demo`, `explain`, `roles`, `migrate`, plus `--help` and `--version`.
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.ts';
import { type CliIo, processIo } from './cli-io.ts';
import { packageVersion } from './package-version.ts';
import { parseCommandArgs } from './parse-command-args.ts';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

interface CommandEntry {
  readonly usage: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

const commands: Record<string, CommandEntry> = {
  demo: {
    usage: 'demo [--keep]',
    summary: 'seed a deployment and show who may do what',
    load: async () => (await import('./commands/demo-command.ts')).demoCommand,
  },
  explain: {
    usage: 'explain --as <username> <action> <type> <id>',
    summary: 'explain one decision against the database',
    load: async () => (await import('./commands/explain-command.ts')).explainCommand,
  },
  roles: {
    usage: 'roles [--markdown]',
    summary: 'the built-in roles against resources and actions',
    load: async () => (await import('./commands/roles-command.ts')).rolesCommand,
  },
  migrate: {
    usage: 'migrate',
    summary: "apply the library's migrations to DATABASE_URL",
    load: async () => (await import('./commands/migrate-command.ts')).migrateCommand,
  },
};

/** Lines of `[left, right]` with the right column aligned two spaces after the longest left. */
function aligned(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** Help text of `dbauthz` itself. */
export const mainHelp = `Usage: dbauthz <command> [options]

Commands:
${aligned(Object.values(commands).map((c) => [c.usage, c.summary]))}

Options:
${aligned([
  ['-h, --help', 'show this help'],
  ['-v, --version', 'print the version of dbauthz'],
])}

Run \`dbauthz <command> --help\` for a command's options.`;

/** Runs the CLI on `argv` (without node and script) and resolves with the exit code; never exits. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const at = argv.findIndex((arg) => !arg.startsWith('-'));
    const own = at === -1 ? argv : argv.slice(0, at);
    const { values } = parseCommandArgs('', own, { version: { type: 'boolean', short: 'v' } });
    if (values.version) {
      io.out(packageVersion());
      return 0;
    }
    const name = at === -1 ? undefined : argv[at];
    if (values.help || name === 'help') {
      io.out(mainHelp);
      return 0;
    }
    if (name === undefined) {
      io.err(mainHelp);
      return 2;
    }
    const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (entry === undefined) {
      throw new CliError(
        'usage',
        `unknown command "${name}" (commands: ${Object.keys(commands).join(', ')}; see dbauthz --help)`,
      );
    }
    return await (await entry.load())(argv.slice(at + 1), io);
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
