CREATE TABLE "slack_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"seen_at" text NOT NULL,
	CONSTRAINT "slack_requests_seen_at" CHECK (case when "slack_requests"."seen_at" ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}Z$' and left("slack_requests"."seen_at", 4) <> '0000' then extract(month from make_date(left("slack_requests"."seen_at", 4)::integer, substr("slack_requests"."seen_at", 6, 2)::integer, 1) + (substr("slack_requests"."seen_at", 9, 2)::integer - 1)) = substr("slack_requests"."seen_at", 6, 2)::integer else "slack_requests"."seen_at" is null end)
);
