import type { File } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** A file as an RBAC object: owned by its creator; files have no org in this schema. */
export function fileObject(file: Pick<File, 'id' | 'createdBy'>): RbacObject {
  return { type: 'file', id: file.id, owner: file.createdBy };
}
