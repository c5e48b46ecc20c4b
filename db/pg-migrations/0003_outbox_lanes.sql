CREATE TABLE "outbox_lanes" (
	"lane" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" text NOT NULL,
	CONSTRAINT "outbox_lanes_expires_at" CHECK (case when "outbox_lanes"."expires_at" ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}Z$' and left("outbox_lanes"."expires_at", 4) <> '0000' then extract(month from make_date(left("outbox_lanes"."expires_at", 4)::integer, substr("outbox_lanes"."expires_at", 6, 2)::integer, 1) + (substr("outbox_lanes"."expires_at", 9, 2)::integer - 1)) = substr("outbox_lanes"."expires_at", 6, 2)::integer else "outbox_lanes"."expires_at" is null end)
);
