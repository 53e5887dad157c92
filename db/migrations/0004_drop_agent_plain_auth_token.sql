ALTER TABLE "workspace_agents" DROP CONSTRAINT "workspace_agents_auth_token_key";--> statement-breakpoint
ALTER TABLE "workspace_agents" DROP COLUMN "auth_token";