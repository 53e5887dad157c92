CREATE TABLE "app_invoices" (
	"id" serial PRIMARY KEY NOT NULL,
	"amount_cents" integer NOT NULL
);
