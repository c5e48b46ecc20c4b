-- New columns with their CHECKs, added in place (drizzle-kit generated table rebuilds whose copies
-- read the new columns from the old tables, where they do not exist).
ALTER TABLE `schools` ADD COLUMN `retention_years` integer DEFAULT 2 NOT NULL CONSTRAINT "schools_retention_years" CHECK("retention_years" between 1 and 10);--> statement-breakpoint
ALTER TABLE `staff` ADD COLUMN `left_on` text CONSTRAINT "staff_left_on" CHECK(date("left_on") is "left_on");--> statement-breakpoint
ALTER TABLE `platform_identities` ADD `platform_email` text;--> statement-breakpoint
ALTER TABLE `platform_identities` ADD `linked_by_admin` integer DEFAULT false NOT NULL;
