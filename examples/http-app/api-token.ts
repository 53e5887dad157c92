import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An API token as the client sends it: `<id>-<secret>`; only the secret's hash is stored. */
export interface ApiToken {
  readonly id: string;
  readonly secret: string;
}

/** The stored form of a secret (sha256, as Coder stores API key secrets). */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A fresh token: a 10-character id and a 22-character secret (letters and digits only). */
export function newApiToken(): ApiToken {
  const alnum = (bytes: number, length: number) =>
    randomBytes(bytes)
      .toString('base64url')
      .replace(/[-_]/g, '')
      .slice(0, length)
      .padEnd(length, 'x');
  return { id: alnum(16, 10), secret: alnum(32, 22) };
}

/** The `Authorization` header value for a token. */
export function bearer(token: ApiToken): string {
  return `Bearer ${token.id}-${token.secret}`;
}

/** Reads `Bearer <id>-<secret>`; `undefined` for anything else. */
export function parseBearer(header: string | undefined): ApiToken | undefined {
  const match = /^Bearer ([a-zA-Z0-9]{10,64})-([a-zA-Z0-9]{16,128})$/.exec(header ?? '');
  if (match === null) return undefined;
  return { id: match[1] as string, secret: match[2] as string };
}

/** Compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, hashed: Buffer): boolean {
  const presented = hashSecret(secret);
  return presented.length === hashed.length && timingSafeEqual(presented, hashed);
}
