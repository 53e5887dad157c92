import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ServerUser } from './server-user.ts';

/** Whether `user` may traverse (search) every directory from the root down to `path` itself. */
export function reachableBy(path: string, user: ServerUser): boolean {
  let current = resolve(path);
  for (;;) {
    let mode: number;
    let uid: number;
    let gid: number;
    try {
      ({ mode, uid, gid } = statSync(current));
    } catch {
      return false;
    }
    const search = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & search) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
