import { createHash, randomBytes } from 'node:crypto';
import type { RawStore } from '../../../db/queries/index.ts';

/** A key made for trying the kept demo database: its holder and the `Authorization` header value. */
export interface DemoApiKey {
  /** `<id>-<secret>`: sent as `Authorization: Bearer <key>`, the format the example app reads. */
  readonly key: string;
  readonly expiresAt: Date;
}

/** Letters and digits only, `length` long (the example app's token alphabet). */
function token(length: number): string {
  return randomBytes(length * 2)
    .toString('base64url')
    .replace(/[-_]/g, '')
    .slice(0, length)
    .padEnd(length, 'x');
}

/**
 * Stores a fresh API key for `userId` valid for a week (only the secret's sha256 is stored, as the
 * example app expects) and returns its header value, printed once by `npm start -- --keep`.
 */
export async function createDemoApiKey(raw: RawStore, userId: string): Promise<DemoApiKey> {
  const id = token(10);
  const secret = token(22);
  const expiresAt = new Date(Date.now() + 7 * 24 * 3_600_000);
  await raw.insertApiKey({
    id,
    hashedSecret: createHash('sha256').update(secret).digest(),
    userId,
    tokenName: 'demo',
    expiresAt,
  });
  return { key: `${id}-${secret}`, expiresAt };
}
