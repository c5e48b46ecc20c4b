CREATE TABLE `teams_conversations` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`scope` text NOT NULL,
	`user_id` text,
	`team_id` text,
	`reference` text NOT NULL,
	`installed_at` text NOT NULL,
	CONSTRAINT "teams_conversations_scope" CHECK("teams_conversations"."scope" in ('personal', 'team', 'groupChat')),
	CONSTRAINT "teams_conversations_personal_user" CHECK(("teams_conversations"."scope" = 'personal') = ("teams_conversations"."user_id" is not null)),
	CONSTRAINT "teams_conversations_installed_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "teams_conversations"."installed_at") is "teams_conversations"."installed_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_conversations_conversation` ON `teams_conversations` (`tenant_id`,`conversation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_conversations_personal` ON `teams_conversations` (`tenant_id`,`user_id`) WHERE "teams_conversations"."scope" = 'personal';--> statement-breakpoint
CREATE INDEX `teams_conversations_team` ON `teams_conversations` (`tenant_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `prompts_week` ON `prompts` (`iso_week`,`student_id`);--> statement-breakpoint
CREATE INDEX `reflections_week` ON `reflections` (`iso_week`,`student_id`);--> statement-breakpoint
ALTER TABLE `platform_identities` DROP COLUMN `conversation_reference`;