import { readFileSync } from 'node:fs';

/** Where package.json sits relative to this file: beside the sources, or above `dist/src/cli`. */
const CANDIDATES = ['../../package.json', '../../../package.json'];

/** The version of the installed `dbauthz` package, read from its package.json. */
export function packageVersion(): string {
  for (const candidate of CANDIDATES) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'dbauthz' && typeof manifest.version === 'string') {
        return manifest.version;
      }
    } catch {
      // not there (or not ours): try the next place
    }
  }
  return 'unknown';
}
