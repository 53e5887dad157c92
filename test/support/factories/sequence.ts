import { randomBytes } from 'node:crypto';

let counter = 0;

/** A name unique within this test process (and random across processes), e.g. `user-3-a1b2c3`. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}
