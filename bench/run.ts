// Runs the benchmark suites (`npm run bench`, or `npm run bench -- rbac db`) and writes each
// suite's results to bench/results/<suite>.json and .md, with the machine and versions.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a suite module's default export returns. */
export interface SuiteResult {
  readonly title: string;
  /** Markdown body (tables) for bench/results/<suite>.md. */
  readonly markdown: string;
  /** Raw figures for bench/results/<suite>.json. */
  readonly data: unknown;
}

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((s) => wanted.length === 0 || wanted.includes(s))
  .sort();
if (suites.length === 0) {
  console.error(`no benchmark suite matches ${wanted.join(', ')}`);
  process.exit(1);
}
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
mkdirSync(join(dir, 'results'), { recursive: true });
for (const suite of suites) {
  console.log(`bench: ${suite} ...`);
  const mod = (await import(pathToFileURL(join(dir, `${suite}.bench.ts`)).href)) as {
    default: () => Promise<SuiteResult>;
  };
  const result = await mod.default();
  writeFileSync(
    join(dir, 'results', `${suite}.json`),
    `${JSON.stringify({ machine, ...result }, null, 2)}\n`,
  );
  const header = `# ${result.title}\n\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}\n\n`;
  writeFileSync(join(dir, 'results', `${suite}.md`), `${header}${result.markdown}\n`);
  console.log(result.markdown);
}
