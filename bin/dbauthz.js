#!/usr/bin/env node
// The `dbauthz` command. An installed package runs the compiled CLI in dist/. Inside a clone of the
// repository (sources present, tsx installed) it runs the TypeScript sources, so it is never stale.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);

/** tsx's loader API when it is installed (a clone with dev dependencies), else undefined. */
async function tsxLoader() {
  try {
    return await import('tsx/esm/api');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function loadCli() {
  const tsx = existsSync(sources) ? await tsxLoader() : undefined;
  if (tsx !== undefined) {
    tsx.register();
    return import(sources.href);
  }
  return import(compiled.href);
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
