CREATE TABLE `local_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`offset_ms` integer NOT NULL,
	CONSTRAINT "local_clock_one_row" CHECK("local_clock"."id" = 1),
	CONSTRAINT "local_clock_ahead" CHECK("local_clock"."offset_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE `local_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`recipient` text NOT NULL,
	`to_channel` integer NOT NULL,
	`student_id` integer,
	`reply` text NOT NULL,
	`delivered_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "local_messages_delivered_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "local_messages"."delivered_at") is "local_messages"."delivered_at")
);
--> statement-breakpoint
CREATE INDEX `local_messages_recipient` ON `local_messages` (`workspace_id`,`to_channel`,`recipient`,`id`);--> statement-breakpoint
CREATE INDEX `local_messages_student` ON `local_messages` (`student_id`);