-- Which students had every signal rule run at least once; the daily sweep then runs only the rules time changes.
CREATE TABLE `signal_checks` (
	`student_id` integer PRIMARY KEY NOT NULL,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "signal_checks_checked_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "signal_checks"."checked_at") is "signal_checks"."checked_at")
);
