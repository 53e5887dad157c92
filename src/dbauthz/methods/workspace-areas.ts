import type { RawStore } from '../../../db/queries/index.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { mergeDeclarations } from '../wrappers/merge-declarations.ts';
import { provisionersMethods } from './provisioners.ts';
import { templateVersionsMethods } from './template-versions.ts';
import { templatesMethods } from './templates.ts';
import { workspaceAgentsMethods } from './workspace-agents.ts';
import { workspaceBuildsMethods } from './workspace-builds.ts';
import { workspacesMethods } from './workspaces.ts';

/**
 * The templates, versions, workspaces, builds, agents and provisioner areas, merged (a method
 * declared twice throws).
 */
export const workspaceAreasMethods = mergeDeclarations(
  templatesMethods,
  templateVersionsMethods,
  workspacesMethods,
  workspaceBuildsMethods,
  workspaceAgentsMethods,
  provisionersMethods,
) satisfies Declarations<RawStore>;
