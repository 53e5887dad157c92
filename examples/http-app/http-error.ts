import type { ServerResponse } from 'node:http';
import { hasErrorCode } from 'dbauthz';

/** An error the app answers with a status and a small JSON body. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.error ?? status));
    this.name = 'HttpError';
    this.status = status;
    this.body = body;
  }
}

/** Writes `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Maps an error to a response. Forbidden and not found answer the SAME 404, so a caller never
 * learns that a row it may not see exists; invalid input is a 400 naming the field; a conflict
 * (a unique rule, such as two concurrent builds of one workspace) is a 409; anything else
 * (a missing actor is a wiring bug) is a 500 and is logged.
 */
export function sendError(
  res: ServerResponse,
  error: unknown,
  log: (error: unknown) => void,
): void {
  const [status, body] = errorResponse(error);
  if (status === 500) log(error);
  sendJson(res, status, body);
}

function errorResponse(error: unknown): [number, Record<string, unknown>] {
  if (error instanceof HttpError) return [error.status, error.body];
  if (hasErrorCode(error, 'forbidden') || hasErrorCode(error, 'not_found')) {
    return [404, { error: 'not_found' }];
  }
  if (hasErrorCode(error, 'invalid_input')) {
    return [400, { error: 'invalid_input', field: (error as { field?: string }).field ?? '' }];
  }
  if (hasErrorCode(error, 'conflict')) {
    return [409, { error: 'conflict' }]; // e.g. two builds of one workspace at once: retry
  }
  if (hasErrorCode(error, 'serialization_failure')) return [409, { error: 'conflict' }]; // retry
  if (hasErrorCode(error, 'unavailable')) return [503, { error: 'unavailable' }];
  if (hasErrorCode(error, 'timeout')) return [504, { error: 'timeout' }];
  return [500, { error: 'internal' }];
}
