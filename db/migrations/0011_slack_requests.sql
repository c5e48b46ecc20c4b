CREATE TABLE `slack_requests` (
	`key` text PRIMARY KEY NOT NULL,
	`seen_at` text NOT NULL,
	CONSTRAINT "slack_requests_seen_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "slack_requests"."seen_at") is "slack_requests"."seen_at")
);
