// Runs the benchmark suites (`npm run bench`, or `npm run bench -- rbac db`) and prints their
// tables; with `--write` it also stores each suite's results in bench/results/<suite>.json and .md,
// with the machine and versions, so a quick run never dirties the tree.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** What a suite module's default export returns. */
export interface SuiteResult {
  readonly title: string;
  /** Markdown body (tables) for bench/results/<suite>.md. */
  readonly markdown: string;
  /** Raw figures for bench/results/<suite>.json. */
  readonly data: unknown;
}

const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const help = `Usage: npm run bench -- [--write] [suite ...]

Runs every benchmark suite, or the named ones, and prints their tables.
Suites: ${available.join(', ')}

Options:
  --write      also store the results in bench/results/<suite>.json and .md
  -h, --help   show this help

Environment: BENCH_QUICK=1 for fewer iterations (a smoke run; do not store its figures).`;

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    args: process.argv.slice(2),
    options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)} (see --help)`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(help);
  process.exit(0);
}
const wanted = parsed.positionals;
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: no suite named ${unknown.join(', ')} (suites: ${available.join(', ')})`);
  process.exit(2);
}
const suites = wanted.length === 0 ? available : available.filter((s) => wanted.includes(s));
const write = parsed.values.write === true;
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
if (write) mkdirSync(join(dir, 'results'), { recursive: true });
for (const suite of suites) {
  console.log(`bench: ${suite} ...`);
  const mod = (await import(pathToFileURL(join(dir, `${suite}.bench.ts`)).href)) as {
    default: () => Promise<SuiteResult>;
  };
  const result = await mod.default();
  if (write) {
    writeFileSync(
      join(dir, 'results', `${suite}.json`),
      `${JSON.stringify({ machine, ...result }, null, 2)}\n`,
    );
    const header = `# ${result.title}\n\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}\n\n`;
    writeFileSync(join(dir, 'results', `${suite}.md`), `${header}${result.markdown}\n`);
  }
  console.log(result.markdown);
}
if (!write) console.log('bench: results not stored (add --write to store them in bench/results/)');
