#!/usr/bin/env node
// The `dbauthz` command. An installed package runs the compiled CLI in dist/. Inside a clone of the
// repository (sources present, tsx installed) it runs the TypeScript sources, so it is never stale.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);

async function loadCli() {
  if (existsSync(sources)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(sources.href);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(compiled)) throw error;
    }
  }
  return import(compiled.href);
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
