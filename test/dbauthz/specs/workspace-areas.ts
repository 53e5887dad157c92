import type { SpecRow } from '../support/spec-row.ts';
import { provisionersSpecs } from './provisioners.ts';
import { templateVersionsSpecs } from './template-versions.ts';
import { templatesSpecs } from './templates.ts';
import { workspaceAgentsSpecs } from './workspace-agents.ts';
import { workspaceBuildsSpecs } from './workspace-builds.ts';
import { workspacesSpecs } from './workspaces.ts';

/** Spec rows of the templates, versions, workspaces, builds, agents and provisioner areas. */
export const workspaceAreasSpecs: SpecRow[] = [
  ...templatesSpecs,
  ...templateVersionsSpecs,
  ...workspacesSpecs,
  ...workspaceBuildsSpecs,
  ...workspaceAgentsSpecs,
  ...provisionersSpecs,
];
