import type { IncomingMessage, RequestListener } from 'node:http';
import type { AuthorizedStore } from 'dbauthz';
import { authenticate } from './authenticate.ts';
import { HttpError, sendError, sendJson } from './http-error.ts';
import { matchRoute } from './match-route.ts';
import { routes } from './routes.ts';

/** What the app needs: the (unbound) authorized store. */
export interface AppOptions {
  readonly store: AuthorizedStore;
  /** Receives unexpected errors (500s); defaults to `console.error`. */
  readonly log?: (error: unknown) => void;
}

const MAX_BODY = 64 * 1024;

/** A POST body: empty (`undefined`) or a JSON object; anything else (`"stop"`, `[]`, `null`) is a 400. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { error: 'too_large' });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { error: 'invalid_input', field: 'body' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, { error: 'invalid_input', field: 'body' });
  }
  return parsed as Record<string, unknown>;
}

/**
 * The example service as a node:http request listener: authenticate by API key, bind the subject
 * to the authorized store for this request only (`store.as(subject)`), run the route, and map
 * denials and missing rows alike to 404.
 * @example
 * http.createServer(createApp({ store })).listen(8080);
 */
export function createApp(options: AppOptions): RequestListener {
  const log = options.log ?? ((error: unknown) => console.error(error));
  return (req, res) => {
    const handle = async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const found = matchRoute(routes, req.method ?? 'GET', url.pathname);
      if (found === 'not_found') throw new HttpError(404, { error: 'not_found' });
      if (found === 'method_not_allowed') throw new HttpError(405, { error: 'method_not_allowed' });
      const subject = await authenticate(options.store, req.headers.authorization);
      if (subject === undefined) throw new HttpError(401, { error: 'unauthenticated' });
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const store = options.store.as(subject);
      const result = await found.route.handle({
        store,
        subject,
        params: found.params,
        query: url.searchParams,
        body,
      });
      sendJson(res, result.status, result.body);
    };
    handle().catch((error: unknown) => sendError(res, error, log));
  };
}
