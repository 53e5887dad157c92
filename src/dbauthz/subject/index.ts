// Subjects loaded from the database through the restricted system actor.
export { type BuildSubjectOptions, buildSubject } from './build-subject.ts';
export { resolveOrgRoles } from './resolve-org-roles.ts';
export { parseAllowListEntry, subjectFromApiKey } from './subject-from-api-key.ts';
