import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Source text without comments (enough for export lists: no strings hold comment markers here). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/**
 * Every name a TypeScript module exports (values and types), read from its source: `export { a,
 * type B as C }`, `export type { ... }`, declarations, and `export *` / `export type *` of relative
 * modules, followed recursively. Enough for this repository's entry points, which are plain lists.
 */
export function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const text = stripComments(readFileSync(file, 'utf8'));
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  const declaration =
    /export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const match of text.matchAll(declaration)) if (match[1]) names.add(match[1]);
  for (const match of text.matchAll(/export\s+(?:type\s+)?\*\s+from\s+'(\.[^']+)'/g)) {
    const target = resolve(dirname(file), match[1] ?? '');
    for (const name of exportedNames(target, seen)) names.add(name);
  }
  return names;
}
