import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { user, org } = fixtures;
const file = { id: 'a0d17000-0000-4000-8000-0000000000b1', createdBy: user.id, hash: 'ab' };
const fileObject = { type: 'file', id: file.id, owner: user.id } as const;
const template = { id: 'a0d17000-0000-4000-8000-0000000000d1', organizationId: org.id };

/** Spec rows of the files area. */
export const filesSpecs: SpecRow[] = [
  {
    method: 'insertFile',
    input: {
      hash: 'ab'.repeat(32),
      createdBy: user.id,
      mimetype: 'application/x-tar',
      data: Buffer.from('x'),
    },
    rawAnswers: { insertFile: file },
    checks: [{ action: 'create', object: { type: 'file', owner: user.id } }],
    returns: file,
    rawCalls: ['insertFile'],
  },
  {
    method: 'getFileById',
    input: { id: file.id },
    rawAnswers: { getFileById: file },
    checks: [{ action: 'read', object: fileObject }],
    returns: file,
    rawCalls: ['getFileById'],
  },
  {
    // Not readable as a file, but a template the actor may update uses it (one filtered query).
    method: 'getFileById',
    input: { id: file.id },
    rawAnswers: { getFileById: file, listTemplatesUsingFile: [template] },
    checks: [
      { action: 'read', object: fileObject, allowed: false },
      { action: 'update', filter: 'template' },
    ],
    returns: file,
    rawCalls: ['getFileById', 'listTemplatesUsingFile'],
  },
  {
    method: 'getFileById',
    input: { id: file.id },
    rawAnswers: { getFileById: file, listTemplatesUsingFile: [] },
    checks: [
      { action: 'read', object: fileObject, allowed: false },
      { action: 'update', filter: 'template' },
    ],
    rejects: 'forbidden',
    rawCalls: ['getFileById', 'listTemplatesUsingFile'],
  },
];
