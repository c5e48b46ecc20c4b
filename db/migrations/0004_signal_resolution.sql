-- Signals record why they were resolved (by the rule, in words, or by a person, with a reason) and
-- when they were escalated. The new columns start empty; SQLite adds a CHECK only by copying the table.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_signals` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`evidence` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`acknowledged_by_id` integer,
	`acknowledged_at` text,
	`escalated_to_id` integer,
	`escalated_at` text,
	`resolved_at` text,
	`resolved_by_id` integer,
	`resolution` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`escalated_to_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "signals_kind" CHECK("__new_signals"."kind" in ('gespreksverzoek', 'welbevinden-daalt', 'motivatie-daalt', 'reflecties-gemist', 'te-weinig-uitdaging', 'te-veel-leerpijn', 'doel-verlopen', 'evaluatie-verlopen', 'cijfer-op-hoger-niveau', 'geen-gesprek')),
	CONSTRAINT "signals_severity" CHECK("__new_signals"."severity" in ('urgent', 'let-op', 'info')),
	CONSTRAINT "signals_status" CHECK("__new_signals"."status" in ('open', 'gezien', 'opgelost')),
	CONSTRAINT "signals_first_seen_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_signals"."first_seen_at") is "__new_signals"."first_seen_at"),
	CONSTRAINT "signals_last_seen_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_signals"."last_seen_at") is "__new_signals"."last_seen_at"),
	CONSTRAINT "signals_acknowledged_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_signals"."acknowledged_at") is "__new_signals"."acknowledged_at"),
	CONSTRAINT "signals_resolved_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_signals"."resolved_at") is "__new_signals"."resolved_at"),
	CONSTRAINT "signals_escalated_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_signals"."escalated_at") is "__new_signals"."escalated_at")
);
--> statement-breakpoint
INSERT INTO `__new_signals`("id", "student_id", "kind", "severity", "evidence", "first_seen_at", "last_seen_at", "status", "acknowledged_by_id", "acknowledged_at", "escalated_to_id", "escalated_at", "resolved_at", "resolved_by_id", "resolution") SELECT "id", "student_id", "kind", "severity", "evidence", "first_seen_at", "last_seen_at", "status", "acknowledged_by_id", "acknowledged_at", "escalated_to_id", NULL, "resolved_at", NULL, NULL FROM `signals`;--> statement-breakpoint
DROP TABLE `signals`;--> statement-breakpoint
ALTER TABLE `__new_signals` RENAME TO `signals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `signals_one_unresolved` ON `signals` (`student_id`,`kind`) WHERE "signals"."status" <> 'opgelost';--> statement-breakpoint
CREATE INDEX `signals_status_kind` ON `signals` (`status`,`kind`);--> statement-breakpoint
CREATE INDEX `signals_student` ON `signals` (`student_id`,`status`);