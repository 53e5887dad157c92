import { files } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `files` rows as `file` objects: owned by their creator; files have no org in this schema. */
export const fileResource = defineResource({
  type: 'file',
  table: files,
  columns: { id: 'id', owner: 'createdBy' },
});

/** A file row as its RBAC object (from `fileResource`). */
export const fileObject = fileResource.object;
