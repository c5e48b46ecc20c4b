-- Edited by hand after drizzle-kit generate: the copies backfill the new columns (the level an
-- earlier change moved to; the day of the closing evaluation) instead of reading columns the old
-- tables do not have. An arrangement closed without an evaluation keeps an unknown end.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_arrangement_evaluations` (
	`id` integer PRIMARY KEY NOT NULL,
	`arrangement_id` integer NOT NULL,
	`date` text NOT NULL,
	`by_id` integer,
	`goals_met` text NOT NULL,
	`decision` text NOT NULL,
	`support_level_after` integer,
	`support_level_before` integer,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`arrangement_id`) REFERENCES `arrangements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrangement_evaluations_goals_met" CHECK("__new_arrangement_evaluations"."goals_met" in ('ja', 'deels', 'nee')),
	CONSTRAINT "arrangement_evaluations_decision" CHECK("__new_arrangement_evaluations"."decision" in ('verlengen', 'aanpassen', 'afsluiten')),
	CONSTRAINT "arrangement_evaluations_support_level" CHECK("__new_arrangement_evaluations"."support_level_after" in (1, 2, 3, 4)),
	CONSTRAINT "arrangement_evaluations_support_level_before" CHECK("__new_arrangement_evaluations"."support_level_before" in (1, 2, 3, 4)),
	CONSTRAINT "arrangement_evaluations_date" CHECK(date("__new_arrangement_evaluations"."date") is "__new_arrangement_evaluations"."date"),
	CONSTRAINT "arrangement_evaluations_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_arrangement_evaluations"."created_at") is "__new_arrangement_evaluations"."created_at")
);
--> statement-breakpoint
INSERT INTO `__new_arrangement_evaluations`("id", "arrangement_id", "date", "by_id", "goals_met", "decision", "support_level_after", "support_level_before", "note", "created_at") SELECT "id", "arrangement_id", "date", "by_id", "goals_met", "decision", "support_level_after", CASE WHEN e."support_level_after" IS NOT NULL THEN (SELECT p."support_level_after" FROM `arrangement_evaluations` p WHERE p."arrangement_id" = e."arrangement_id" AND p."support_level_after" IS NOT NULL AND (p."date" < e."date" OR (p."date" = e."date" AND p."id" < e."id")) ORDER BY p."date" DESC, p."id" DESC LIMIT 1) END, "note", "created_at" FROM `arrangement_evaluations` e;--> statement-breakpoint
DROP TABLE `arrangement_evaluations`;--> statement-breakpoint
ALTER TABLE `__new_arrangement_evaluations` RENAME TO `arrangement_evaluations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `arrangement_evaluations_arrangement` ON `arrangement_evaluations` (`arrangement_id`,`date`);--> statement-breakpoint
CREATE TABLE `__new_arrangements` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`strategy` text NOT NULL,
	`form` text NOT NULL,
	`description` text,
	`support_level` integer NOT NULL,
	`owner_id` integer,
	`start_date` text NOT NULL,
	`planned_end_date` text,
	`evaluation_interval_weeks` integer NOT NULL,
	`next_evaluation_date` text,
	`status` text NOT NULL,
	`closed_on` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrangements_strategy" CHECK("__new_arrangements"."strategy" in ('versnellen', 'vertragen', 'verrijken', 'verbreden', 'intensiveren', 'compacten')),
	CONSTRAINT "arrangements_form" CHECK("__new_arrangements"."form" in ('in-de-klas', 'plusklas', 'vak-op-hoger-niveau', 'extra-ondersteuning-opp', 'onderwijszorgarrangement', 'talentprogramma', 'topsportprogramma')),
	CONSTRAINT "arrangements_support_level" CHECK("__new_arrangements"."support_level" in (1, 2, 3, 4)),
	CONSTRAINT "arrangements_status" CHECK("__new_arrangements"."status" in ('voorgesteld', 'toegewezen', 'lopend', 'afgerond')),
	CONSTRAINT "arrangements_evaluation_interval" CHECK("__new_arrangements"."evaluation_interval_weeks" between 1 and 52),
	CONSTRAINT "arrangements_start_date" CHECK(date("__new_arrangements"."start_date") is "__new_arrangements"."start_date"),
	CONSTRAINT "arrangements_planned_end_date" CHECK(date("__new_arrangements"."planned_end_date") is "__new_arrangements"."planned_end_date"),
	CONSTRAINT "arrangements_next_evaluation_date" CHECK(date("__new_arrangements"."next_evaluation_date") is "__new_arrangements"."next_evaluation_date"),
	CONSTRAINT "arrangements_closed_on" CHECK(date("__new_arrangements"."closed_on") is "__new_arrangements"."closed_on"),
	CONSTRAINT "arrangements_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_arrangements"."created_at") is "__new_arrangements"."created_at")
);
--> statement-breakpoint
INSERT INTO `__new_arrangements`("id", "student_id", "strategy", "form", "description", "support_level", "owner_id", "start_date", "planned_end_date", "evaluation_interval_weeks", "next_evaluation_date", "status", "closed_on", "created_at") SELECT "id", "student_id", "strategy", "form", "description", "support_level", "owner_id", "start_date", "planned_end_date", "evaluation_interval_weeks", "next_evaluation_date", "status", CASE WHEN a."status" = 'afgerond' THEN (SELECT max(x."date") FROM `arrangement_evaluations` x WHERE x."arrangement_id" = a."id" AND x."decision" = 'afsluiten') END, "created_at" FROM `arrangements` a;--> statement-breakpoint
DROP TABLE `arrangements`;--> statement-breakpoint
ALTER TABLE `__new_arrangements` RENAME TO `arrangements`;--> statement-breakpoint
CREATE INDEX `arrangements_student` ON `arrangements` (`student_id`);--> statement-breakpoint
CREATE INDEX `arrangements_status_evaluation` ON `arrangements` (`status`,`next_evaluation_date`);