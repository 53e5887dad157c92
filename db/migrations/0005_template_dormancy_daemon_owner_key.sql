ALTER TABLE "provisioner_daemons" DROP CONSTRAINT "provisioner_daemons_organization_id_name_key";--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "time_til_dormant" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "time_til_dormant_autodelete" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "provisioner_daemons_org_name_owner_key" ON "provisioner_daemons" USING btree ("organization_id","name",lower(coalesce("tags" ->> 'owner', '')));--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_time_til_dormant_non_negative" CHECK ("templates"."time_til_dormant" >= 0);--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_time_til_dormant_autodelete_non_negative" CHECK ("templates"."time_til_dormant_autodelete" >= 0);