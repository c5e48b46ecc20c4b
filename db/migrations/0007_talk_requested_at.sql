-- When a talk request was first made, kept through corrections later that week (so a conversation
-- held in between still answers it). Existing requests start from their reflection's submission.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_reflections` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`iso_week` text NOT NULL,
	`welbevinden` integer NOT NULL,
	`motivatie` integer NOT NULL,
	`grip` integer NOT NULL,
	`uitdaging` text NOT NULL,
	`learning_strategy` text,
	`went_well` text,
	`next_step` text,
	`wants_talk` integer DEFAULT false NOT NULL,
	`channel` text NOT NULL,
	`submitted_at` text NOT NULL,
	`talk_requested_at` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reflections_iso_week" CHECK("__new_reflections"."iso_week" glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]' and substr("__new_reflections"."iso_week", 7, 2) between '01' and '53'),
	CONSTRAINT "reflections_welbevinden" CHECK("__new_reflections"."welbevinden" between 1 and 5),
	CONSTRAINT "reflections_motivatie" CHECK("__new_reflections"."motivatie" between 1 and 5),
	CONSTRAINT "reflections_grip" CHECK("__new_reflections"."grip" between 1 and 5),
	CONSTRAINT "reflections_uitdaging" CHECK("__new_reflections"."uitdaging" in ('te-makkelijk', 'precies-goed', 'te-moeilijk')),
	CONSTRAINT "reflections_learning_strategy" CHECK("__new_reflections"."learning_strategy" in ('overzien', 'jezelf-kennen', 'vooruitkijken', 'bijhouden', 'terugkijken', 'herhalen', 'verdiepen', 'structureren', 'jezelf-organiseren', 'omgeving-organiseren', 'anderen-organiseren', 'jezelf-vertrouwen', 'het-nut-zien', 'jezelf-motiveren')),
	CONSTRAINT "reflections_channel" CHECK("__new_reflections"."channel" in ('slack', 'teams', 'local', 'cli', 'job')),
	CONSTRAINT "reflections_went_well_length" CHECK(length("__new_reflections"."went_well") <= 2000),
	CONSTRAINT "reflections_next_step_length" CHECK(length("__new_reflections"."next_step") <= 2000),
	CONSTRAINT "reflections_submitted_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_reflections"."submitted_at") is "__new_reflections"."submitted_at"),
	CONSTRAINT "reflections_talk_requested_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_reflections"."talk_requested_at") is "__new_reflections"."talk_requested_at")
);
--> statement-breakpoint
INSERT INTO `__new_reflections`("id", "student_id", "iso_week", "welbevinden", "motivatie", "grip", "uitdaging", "learning_strategy", "went_well", "next_step", "wants_talk", "channel", "submitted_at", "talk_requested_at") SELECT "id", "student_id", "iso_week", "welbevinden", "motivatie", "grip", "uitdaging", "learning_strategy", "went_well", "next_step", "wants_talk", "channel", "submitted_at", CASE WHEN "wants_talk" = 1 THEN "submitted_at" END FROM `reflections`;--> statement-breakpoint
DROP TABLE `reflections`;--> statement-breakpoint
ALTER TABLE `__new_reflections` RENAME TO `reflections`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `reflections_student_week` ON `reflections` (`student_id`,`iso_week`);--> statement-breakpoint
CREATE INDEX `reflections_talk` ON `reflections` (`student_id`,`iso_week`) WHERE "reflections"."wants_talk" = 1;--> statement-breakpoint
CREATE INDEX `reflections_week` ON `reflections` (`iso_week`,`student_id`);