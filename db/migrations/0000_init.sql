CREATE TYPE "public"."audit_action" AS ENUM('create', 'write', 'delete', 'start', 'stop', 'login', 'logout', 'register', 'connect', 'disconnect', 'open', 'close');--> statement-breakpoint
CREATE TYPE "public"."connection_type" AS ENUM('ssh', 'vscode', 'jetbrains', 'reconnecting_pty', 'workspace_app', 'port_forwarding');--> statement-breakpoint
CREATE TYPE "public"."provisioner_job_status" AS ENUM('pending', 'running', 'succeeded', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."provisioner_job_type" AS ENUM('template_version_import', 'workspace_build', 'template_version_dry_run');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('active', 'dormant', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."workspace_transition" AS ENUM('start', 'stop', 'delete');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"hashed_secret" "bytea" NOT NULL,
	"user_id" uuid NOT NULL,
	"token_name" text DEFAULT '' NOT NULL,
	"scopes" text[] DEFAULT '{coder:all}'::text[] NOT NULL,
	"allow_list" text[] DEFAULT '{*:*}'::text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"time" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"organization_id" uuid,
	"action" "audit_action" NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_target" text DEFAULT '' NOT NULL,
	"diff" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status_code" integer NOT NULL,
	"ip" text,
	"user_agent" text,
	"request_id" uuid
);
--> statement-breakpoint
CREATE TABLE "boundary_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"owner_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"url" text NOT NULL,
	"allowed" boolean NOT NULL,
	"matched_rule" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boundary_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "boundary_usage_stats" (
	"replica_id" uuid PRIMARY KEY NOT NULL,
	"unique_workspaces_count" bigint DEFAULT 0 NOT NULL,
	"unique_users_count" bigint DEFAULT 0 NOT NULL,
	"allowed_requests" bigint DEFAULT 0 NOT NULL,
	"denied_requests" bigint DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"workspace_owner_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"workspace_name" text NOT NULL,
	"agent_name" text NOT NULL,
	"type" "connection_type" NOT NULL,
	"user_id" uuid,
	"ip" text,
	"connect_time" timestamp with time zone NOT NULL,
	"disconnect_time" timestamp with time zone,
	"disconnect_reason" text,
	"code" integer,
	CONSTRAINT "connection_logs_connection_id_key" UNIQUE("connection_id")
);
--> statement-breakpoint
CREATE TABLE "custom_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"site_permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"org_permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"member_permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"mimetype" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_hash_created_by_key" UNIQUE("hash","created_by")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_pkey" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"avatar_url" text DEFAULT '' NOT NULL,
	"quota_allowance" integer DEFAULT 0 NOT NULL,
	"source" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_organization_id_name_key" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "organization_members" (
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_members_pkey" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"icon" text DEFAULT '' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"default_org_member_roles" text[] DEFAULT '{organization-workspace-access}'::text[] NOT NULL,
	"shareable_workspace_owners" text DEFAULT 'everyone' NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_shareable_workspace_owners_check" CHECK ("organizations"."shareable_workspace_owners" IN ('none', 'everyone', 'service_accounts'))
);
--> statement-breakpoint
CREATE TABLE "provisioner_daemons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"provisioners" text[] DEFAULT '{terraform}'::text[] NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provisioner_daemons_organization_id_name_key" UNIQUE("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "provisioner_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"initiator_id" uuid NOT NULL,
	"provisioner" text DEFAULT 'terraform' NOT NULL,
	"type" "provisioner_job_type" NOT NULL,
	"status" "provisioner_job_status" DEFAULT 'pending' NOT NULL,
	"file_id" uuid,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"worker_id" uuid,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"readme" text DEFAULT '' NOT NULL,
	"job_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "template_versions_template_id_name_key" UNIQUE("template_id","name")
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"icon" text DEFAULT '' NOT NULL,
	"provisioner" text DEFAULT 'terraform' NOT NULL,
	"active_version_id" uuid,
	"created_by" uuid NOT NULL,
	"user_acl" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"group_acl" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"require_active_version" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"value" text NOT NULL,
	"env_name" text,
	"file_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_secrets_user_id_name_key" UNIQUE("user_id","name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"username" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"avatar_url" text DEFAULT '' NOT NULL,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"rbac_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"build_id" uuid NOT NULL,
	"name" text NOT NULL,
	"auth_token" uuid DEFAULT gen_random_uuid() NOT NULL,
	"architecture" text DEFAULT 'amd64' NOT NULL,
	"operating_system" text DEFAULT 'linux' NOT NULL,
	"directory" text DEFAULT '' NOT NULL,
	"lifecycle_state" text DEFAULT 'created' NOT NULL,
	"first_connected_at" timestamp with time zone,
	"last_connected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_agents_auth_token_key" UNIQUE("auth_token"),
	CONSTRAINT "workspace_agents_build_id_name_key" UNIQUE("build_id","name")
);
--> statement-breakpoint
CREATE TABLE "workspace_builds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"template_version_id" uuid NOT NULL,
	"build_number" integer NOT NULL,
	"transition" "workspace_transition" NOT NULL,
	"initiator_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"reason" text DEFAULT 'initiator' NOT NULL,
	"provisioner_state" "bytea",
	"deadline" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_builds_job_id_key" UNIQUE("job_id"),
	CONSTRAINT "workspace_builds_workspace_id_build_number_key" UNIQUE("workspace_id","build_number"),
	CONSTRAINT "workspace_builds_build_number_positive" CHECK ("workspace_builds"."build_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"name" text NOT NULL,
	"autostart_schedule" text,
	"user_acl" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"group_acl" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dormant_at" timestamp with time zone,
	"deleting_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_logs" ADD CONSTRAINT "boundary_logs_session_id_boundary_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."boundary_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_logs" ADD CONSTRAINT "boundary_logs_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_logs" ADD CONSTRAINT "boundary_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_logs" ADD CONSTRAINT "boundary_logs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_logs" ADD CONSTRAINT "boundary_logs_agent_id_workspace_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."workspace_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_sessions" ADD CONSTRAINT "boundary_sessions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_sessions" ADD CONSTRAINT "boundary_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_sessions" ADD CONSTRAINT "boundary_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_sessions" ADD CONSTRAINT "boundary_sessions_agent_id_workspace_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."workspace_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_logs" ADD CONSTRAINT "connection_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_logs" ADD CONSTRAINT "connection_logs_workspace_owner_id_users_id_fk" FOREIGN KEY ("workspace_owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_logs" ADD CONSTRAINT "connection_logs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioner_daemons" ADD CONSTRAINT "provisioner_daemons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioner_jobs" ADD CONSTRAINT "provisioner_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioner_jobs" ADD CONSTRAINT "provisioner_jobs_initiator_id_users_id_fk" FOREIGN KEY ("initiator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioner_jobs" ADD CONSTRAINT "provisioner_jobs_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioner_jobs" ADD CONSTRAINT "provisioner_jobs_worker_id_provisioner_daemons_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."provisioner_daemons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_job_id_provisioner_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."provisioner_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_active_version_id_template_versions_id_fk" FOREIGN KEY ("active_version_id") REFERENCES "public"."template_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_secrets" ADD CONSTRAINT "user_secrets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_agents" ADD CONSTRAINT "workspace_agents_build_id_workspace_builds_id_fk" FOREIGN KEY ("build_id") REFERENCES "public"."workspace_builds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_builds" ADD CONSTRAINT "workspace_builds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_builds" ADD CONSTRAINT "workspace_builds_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_builds" ADD CONSTRAINT "workspace_builds_initiator_id_users_id_fk" FOREIGN KEY ("initiator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_builds" ADD CONSTRAINT "workspace_builds_job_id_provisioner_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."provisioner_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_user_id_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_user_id_token_name_idx" ON "api_keys" USING btree ("user_id","token_name") WHERE "api_keys"."token_name" <> '';--> statement-breakpoint
CREATE INDEX "audit_logs_time_idx" ON "audit_logs" USING btree ("time");--> statement-breakpoint
CREATE INDEX "audit_logs_organization_id_time_idx" ON "audit_logs" USING btree ("organization_id","time");--> statement-breakpoint
CREATE INDEX "audit_logs_user_id_time_idx" ON "audit_logs" USING btree ("user_id","time");--> statement-breakpoint
CREATE INDEX "audit_logs_resource_idx" ON "audit_logs" USING btree ("resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "boundary_logs_time_idx" ON "boundary_logs" USING btree ("time");--> statement-breakpoint
CREATE INDEX "boundary_logs_owner_id_time_idx" ON "boundary_logs" USING btree ("owner_id","time");--> statement-breakpoint
CREATE INDEX "boundary_logs_organization_id_time_idx" ON "boundary_logs" USING btree ("organization_id","time");--> statement-breakpoint
CREATE INDEX "boundary_logs_workspace_id_time_idx" ON "boundary_logs" USING btree ("workspace_id","time");--> statement-breakpoint
CREATE INDEX "boundary_sessions_workspace_id_idx" ON "boundary_sessions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "connection_logs_connect_time_idx" ON "connection_logs" USING btree ("connect_time");--> statement-breakpoint
CREATE INDEX "connection_logs_organization_id_connect_time_idx" ON "connection_logs" USING btree ("organization_id","connect_time");--> statement-breakpoint
CREATE INDEX "connection_logs_workspace_owner_id_connect_time_idx" ON "connection_logs" USING btree ("workspace_owner_id","connect_time");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_roles_organization_id_name_lower_idx" ON "custom_roles" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "group_members_user_id_idx" ON "group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "organization_members_user_id_idx" ON "organization_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name_lower_idx" ON "organizations" USING btree (lower("name")) WHERE "organizations"."deleted" = false;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_single_default_idx" ON "organizations" USING btree ("is_default") WHERE "organizations"."is_default" = true AND "organizations"."deleted" = false;--> statement-breakpoint
CREATE INDEX "provisioner_jobs_pending_idx" ON "provisioner_jobs" USING btree ("organization_id","created_at") WHERE "provisioner_jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "template_versions_template_id_idx" ON "template_versions" USING btree ("template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_organization_id_name_lower_idx" ON "templates" USING btree ("organization_id",lower("name")) WHERE "templates"."deleted" = false;--> statement-breakpoint
CREATE UNIQUE INDEX "user_secrets_user_id_env_name_idx" ON "user_secrets" USING btree ("user_id","env_name") WHERE "user_secrets"."env_name" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "user_secrets_user_id_file_path_idx" ON "user_secrets" USING btree ("user_id","file_path") WHERE "user_secrets"."file_path" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_idx" ON "users" USING btree (lower("username")) WHERE "users"."deleted" = false;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email")) WHERE "users"."deleted" = false;--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "workspace_agents_build_id_idx" ON "workspace_agents" USING btree ("build_id");--> statement-breakpoint
CREATE INDEX "workspace_builds_initiator_id_idx" ON "workspace_builds" USING btree ("initiator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_owner_id_name_lower_idx" ON "workspaces" USING btree ("owner_id",lower("name")) WHERE "workspaces"."deleted" = false;--> statement-breakpoint
CREATE INDEX "workspaces_organization_id_idx" ON "workspaces" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "workspaces_template_id_idx" ON "workspaces" USING btree ("template_id");--> statement-breakpoint
CREATE VIEW "public"."workspace_build_with_user" AS (select "workspace_builds"."id", "workspace_builds"."workspace_id", "workspace_builds"."template_version_id", "workspace_builds"."build_number", "workspace_builds"."transition", "workspace_builds"."initiator_id", "workspace_builds"."job_id", "workspace_builds"."reason", "workspace_builds"."deadline", "workspace_builds"."created_at", "workspace_builds"."updated_at", "users"."username" as "initiator_by_username", "users"."avatar_url" as "initiator_by_avatar_url" from "workspace_builds" inner join "users" on "users"."id" = "workspace_builds"."initiator_id");