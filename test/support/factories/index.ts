// Factories that insert valid rows with sensible defaults, creating missing parents.
export * from './identity.ts';
export * from './logs.ts';
export * from './sequence.ts';
export * from './templates.ts';
export * from './workspaces.ts';
