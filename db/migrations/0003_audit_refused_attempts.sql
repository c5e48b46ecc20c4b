-- A refused attempt (a command outside one's role, a student out of reach) is written to the audit
-- log too, so that probing leaves a trace: the action CHECK gains 'refused'. SQLite changes a CHECK
-- only by copying the table; every row is kept.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_staff_id` integer,
	`actor_student_id` integer,
	`student_id` integer,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`channel` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`actor_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "audit_log_actor_kind" CHECK("__new_audit_log"."actor_kind" in ('staff', 'student', 'system')),
	CONSTRAINT "audit_log_action" CHECK("__new_audit_log"."action" in ('read', 'create', 'update', 'delete', 'export', 'erase', 'refused')),
	CONSTRAINT "audit_log_channel" CHECK("__new_audit_log"."channel" in ('slack', 'teams', 'local', 'cli', 'job')),
	CONSTRAINT "audit_log_at_instant" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "__new_audit_log"."at") is "__new_audit_log"."at")
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("id", "at", "actor_kind", "actor_staff_id", "actor_student_id", "student_id", "action", "subject", "channel", "detail") SELECT "id", "at", "actor_kind", "actor_staff_id", "actor_student_id", "student_id", "action", "subject", "channel", "detail" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_log_student_at` ON `audit_log` (`student_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);