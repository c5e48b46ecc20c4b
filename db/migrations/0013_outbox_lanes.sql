CREATE TABLE `outbox_lanes` (
	`lane` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL,
	CONSTRAINT "outbox_lanes_expires_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "outbox_lanes"."expires_at") is "outbox_lanes"."expires_at")
);
