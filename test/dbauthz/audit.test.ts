import { describe } from 'vitest';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { specs } from './specs/index.ts';
import { rawMethodNames } from './support/raw-method-names.ts';
import { auditStore } from './support/run-audit-suite.ts';

describe('audit: every store method makes exactly its checks, and fails closed', () => {
  auditStore({ names: rawMethodNames(), specs, declarations });
});
