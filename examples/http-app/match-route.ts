import { HttpError } from './http-error.ts';
import type { Route } from './routes.ts';

/** A path segment decoded; a malformed percent-escape (`%E0%A4%A`) is the client's error, a 400. */
function decodeSegment(name: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, { error: 'invalid_input', field: name });
  }
}

/**
 * The route for a method and path with its decoded `:name` params, or why none matched (404 / 405);
 * throws a 400 `HttpError` for a param that is not valid percent-encoding.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | 'not_found' | 'method_not_allowed' {
  const parts = pathname.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const part = parts[i] ?? '';
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = decodeSegment(seg.slice(1), part);
        return true;
      }
      return seg === part;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'method_not_allowed' : 'not_found';
}
