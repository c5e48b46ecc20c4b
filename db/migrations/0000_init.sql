CREATE TABLE `activities` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`school_year` text NOT NULL,
	`description` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "activities_kind" CHECK("activities"."kind" in ('stage', 'project', 'vrijwilligerswerk', 'talentprogramma', 'keuzemodule'))
);
--> statement-breakpoint
CREATE INDEX `activities_student` ON `activities` (`student_id`);--> statement-breakpoint
CREATE TABLE `activity_competences` (
	`activity_id` integer NOT NULL,
	`competence` text NOT NULL,
	PRIMARY KEY(`activity_id`, `competence`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `arrangement_evaluations` (
	`id` integer PRIMARY KEY NOT NULL,
	`arrangement_id` integer NOT NULL,
	`date` text NOT NULL,
	`by_id` integer,
	`goals_met` text NOT NULL,
	`decision` text NOT NULL,
	`support_level_after` integer,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`arrangement_id`) REFERENCES `arrangements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrangement_evaluations_goals_met" CHECK("arrangement_evaluations"."goals_met" in ('ja', 'deels', 'nee')),
	CONSTRAINT "arrangement_evaluations_decision" CHECK("arrangement_evaluations"."decision" in ('verlengen', 'aanpassen', 'afsluiten')),
	CONSTRAINT "arrangement_evaluations_support_level" CHECK("arrangement_evaluations"."support_level_after" in (1, 2, 3, 4)),
	CONSTRAINT "arrangement_evaluations_date" CHECK(date("arrangement_evaluations"."date") is "arrangement_evaluations"."date"),
	CONSTRAINT "arrangement_evaluations_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "arrangement_evaluations"."created_at") is "arrangement_evaluations"."created_at")
);
--> statement-breakpoint
CREATE INDEX `arrangement_evaluations_arrangement` ON `arrangement_evaluations` (`arrangement_id`,`date`);--> statement-breakpoint
CREATE TABLE `arrangement_goals` (
	`arrangement_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	PRIMARY KEY(`arrangement_id`, `goal_id`),
	FOREIGN KEY (`arrangement_id`) REFERENCES `arrangements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `arrangements` (
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
	`created_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrangements_strategy" CHECK("arrangements"."strategy" in ('versnellen', 'vertragen', 'verrijken', 'verbreden', 'intensiveren', 'compacten')),
	CONSTRAINT "arrangements_form" CHECK("arrangements"."form" in ('in-de-klas', 'plusklas', 'vak-op-hoger-niveau', 'extra-ondersteuning-opp', 'onderwijszorgarrangement', 'talentprogramma', 'topsportprogramma')),
	CONSTRAINT "arrangements_support_level" CHECK("arrangements"."support_level" in (1, 2, 3, 4)),
	CONSTRAINT "arrangements_status" CHECK("arrangements"."status" in ('voorgesteld', 'toegewezen', 'lopend', 'afgerond')),
	CONSTRAINT "arrangements_evaluation_interval" CHECK("arrangements"."evaluation_interval_weeks" between 1 and 52),
	CONSTRAINT "arrangements_start_date" CHECK(date("arrangements"."start_date") is "arrangements"."start_date"),
	CONSTRAINT "arrangements_planned_end_date" CHECK(date("arrangements"."planned_end_date") is "arrangements"."planned_end_date"),
	CONSTRAINT "arrangements_next_evaluation_date" CHECK(date("arrangements"."next_evaluation_date") is "arrangements"."next_evaluation_date"),
	CONSTRAINT "arrangements_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "arrangements"."created_at") is "arrangements"."created_at")
);
--> statement-breakpoint
CREATE INDEX `arrangements_student` ON `arrangements` (`student_id`);--> statement-breakpoint
CREATE INDEX `arrangements_status_evaluation` ON `arrangements` (`status`,`next_evaluation_date`);--> statement-breakpoint
CREATE TABLE `audit_log` (
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
	CONSTRAINT "audit_log_actor_kind" CHECK("audit_log"."actor_kind" in ('staff', 'student', 'system')),
	CONSTRAINT "audit_log_action" CHECK("audit_log"."action" in ('read', 'create', 'update', 'delete', 'export', 'erase')),
	CONSTRAINT "audit_log_channel" CHECK("audit_log"."channel" in ('slack', 'teams', 'local', 'cli', 'job')),
	CONSTRAINT "audit_log_at_instant" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "audit_log"."at") is "audit_log"."at")
);
--> statement-breakpoint
CREATE INDEX `audit_log_student_at` ON `audit_log` (`student_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `conversation_participants` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`staff_id` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "conversation_participants_kind" CHECK("conversation_participants"."kind" in ('leerling', 'ouder', 'medewerker'))
);
--> statement-breakpoint
CREATE INDEX `conversation_participants_conversation` ON `conversation_participants` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`logged_by_id` integer,
	`summary` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`logged_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "conversations_kind" CHECK("conversations"."kind" in ('coachgesprek', 'driehoeksgesprek', 'ambitiegesprek', 'evaluatiegesprek', 'oudergesprek')),
	CONSTRAINT "conversations_date" CHECK(date("conversations"."date") is "conversations"."date"),
	CONSTRAINT "conversations_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "conversations"."created_at") is "conversations"."created_at")
);
--> statement-breakpoint
CREATE INDEX `conversations_student_date` ON `conversations` (`student_id`,`date`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`subject` text,
	`origin` text NOT NULL,
	`conversation_id` integer,
	`created_by_id` integer,
	`target_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "goals_category" CHECK("goals"."category" in ('vak', 'leerstrategie', 'executieve-functie', 'sociaal-emotioneel', 'talent')),
	CONSTRAINT "goals_subject" CHECK("goals"."subject" in ('nederlands', 'engels', 'frans', 'duits', 'spaans', 'wiskunde', 'wiskunde-a', 'wiskunde-b', 'natuurkunde', 'scheikunde', 'biologie', 'nask', 'aardrijkskunde', 'geschiedenis', 'economie', 'maatschappijleer', 'kunst', 'lichamelijke-opvoeding', 'informatica', 'techniek')),
	CONSTRAINT "goals_origin" CHECK("goals"."origin" in ('coachgesprek', 'driehoeksgesprek', 'ambitiegesprek', 'reflectie', 'eigen')),
	CONSTRAINT "goals_status" CHECK("goals"."status" in ('open', 'behaald', 'bijgesteld', 'gestopt')),
	CONSTRAINT "goals_target_date" CHECK(date("goals"."target_date") is "goals"."target_date"),
	CONSTRAINT "goals_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "goals"."created_at") is "goals"."created_at"),
	CONSTRAINT "goals_closed_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "goals"."closed_at") is "goals"."closed_at"),
	CONSTRAINT "goals_title_length" CHECK(length("goals"."title") between 1 and 200)
);
--> statement-breakpoint
CREATE INDEX `goals_student_status` ON `goals` (`student_id`,`status`);--> statement-breakpoint
CREATE TABLE `group_mentors` (
	`group_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	PRIMARY KEY(`group_id`, `staff_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_mentors_staff` ON `group_mentors` (`staff_id`);--> statement-breakpoint
CREATE TABLE `group_teachers` (
	`group_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`subject` text NOT NULL,
	PRIMARY KEY(`group_id`, `staff_id`, `subject`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "group_teachers_subject" CHECK("group_teachers"."subject" in ('nederlands', 'engels', 'frans', 'duits', 'spaans', 'wiskunde', 'wiskunde-a', 'wiskunde-b', 'natuurkunde', 'scheikunde', 'biologie', 'nask', 'aardrijkskunde', 'geschiedenis', 'economie', 'maatschappijleer', 'kunst', 'lichamelijke-opvoeding', 'informatica', 'techniek'))
);
--> statement-breakpoint
CREATE INDEX `group_teachers_staff` ON `group_teachers` (`staff_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`team_id` integer,
	`name` text NOT NULL,
	`leerjaar` integer NOT NULL,
	`onderwijssoort` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "groups_onderwijssoort" CHECK("groups"."onderwijssoort" in ('po', 'vmbo-b', 'vmbo-k', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo')),
	CONSTRAINT "groups_leerjaar" CHECK("groups"."leerjaar" between 1 and 8)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_school_name` ON `groups` (`school_id`,`name`);--> statement-breakpoint
CREATE INDEX `groups_team` ON `groups` (`team_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`recipient` text NOT NULL,
	`student_id` integer,
	`payload` text NOT NULL,
	`not_before` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "outbox_platform" CHECK("outbox"."platform" in ('slack', 'teams', 'local')),
	CONSTRAINT "outbox_status" CHECK("outbox"."status" in ('queued', 'sending', 'sent', 'dead')),
	CONSTRAINT "outbox_attempts" CHECK("outbox"."attempts" >= 0),
	CONSTRAINT "outbox_not_before" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "outbox"."not_before") is "outbox"."not_before"),
	CONSTRAINT "outbox_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "outbox"."created_at") is "outbox"."created_at"),
	CONSTRAINT "outbox_sent_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "outbox"."sent_at") is "outbox"."sent_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`platform`,`workspace_id`,`not_before`);--> statement-breakpoint
CREATE INDEX `outbox_student` ON `outbox` (`student_id`);--> statement-breakpoint
CREATE TABLE `platform_identities` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`person_kind` text NOT NULL,
	`staff_id` integer,
	`student_id` integer,
	`conversation_reference` text,
	`linked_at` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "platform_identities_platform" CHECK("platform_identities"."platform" in ('slack', 'teams', 'local')),
	CONSTRAINT "platform_identities_person_kind" CHECK("platform_identities"."person_kind" in ('staff', 'student')),
	CONSTRAINT "platform_identities_one_person" CHECK(("platform_identities"."person_kind" = 'staff' and "platform_identities"."staff_id" is not null and "platform_identities"."student_id" is null)
        or ("platform_identities"."person_kind" = 'student' and "platform_identities"."student_id" is not null and "platform_identities"."staff_id" is null)),
	CONSTRAINT "platform_identities_linked_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "platform_identities"."linked_at") is "platform_identities"."linked_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platform_identities_user` ON `platform_identities` (`platform`,`workspace_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `platform_identities_staff` ON `platform_identities` (`staff_id`);--> statement-breakpoint
CREATE INDEX `platform_identities_student` ON `platform_identities` (`student_id`);--> statement-breakpoint
CREATE TABLE `prompts` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`iso_week` text NOT NULL,
	`prompted_at` text NOT NULL,
	`reminded_at` text,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "prompts_iso_week" CHECK("prompts"."iso_week" glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]' and substr("prompts"."iso_week", 7, 2) between '01' and '53'),
	CONSTRAINT "prompts_prompted_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "prompts"."prompted_at") is "prompts"."prompted_at"),
	CONSTRAINT "prompts_reminded_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "prompts"."reminded_at") is "prompts"."reminded_at"),
	CONSTRAINT "prompts_expires_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "prompts"."expires_at") is "prompts"."expires_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompts_student_week` ON `prompts` (`student_id`,`iso_week`);--> statement-breakpoint
CREATE TABLE `reflection_goal_progress` (
	`reflection_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	`progress` text NOT NULL,
	PRIMARY KEY(`reflection_id`, `goal_id`),
	FOREIGN KEY (`reflection_id`) REFERENCES `reflections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reflection_goal_progress_progress" CHECK("reflection_goal_progress"."progress" in ('nog-niet', 'een-beetje', 'goed-op-weg', 'behaald'))
);
--> statement-breakpoint
CREATE INDEX `reflection_goal_progress_goal` ON `reflection_goal_progress` (`goal_id`);--> statement-breakpoint
CREATE TABLE `reflections` (
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
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reflections_iso_week" CHECK("reflections"."iso_week" glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]' and substr("reflections"."iso_week", 7, 2) between '01' and '53'),
	CONSTRAINT "reflections_welbevinden" CHECK("reflections"."welbevinden" between 1 and 5),
	CONSTRAINT "reflections_motivatie" CHECK("reflections"."motivatie" between 1 and 5),
	CONSTRAINT "reflections_grip" CHECK("reflections"."grip" between 1 and 5),
	CONSTRAINT "reflections_uitdaging" CHECK("reflections"."uitdaging" in ('te-makkelijk', 'precies-goed', 'te-moeilijk')),
	CONSTRAINT "reflections_learning_strategy" CHECK("reflections"."learning_strategy" in ('overzien', 'jezelf-kennen', 'vooruitkijken', 'bijhouden', 'terugkijken', 'herhalen', 'verdiepen', 'structureren', 'jezelf-organiseren', 'omgeving-organiseren', 'anderen-organiseren', 'jezelf-vertrouwen', 'het-nut-zien', 'jezelf-motiveren')),
	CONSTRAINT "reflections_channel" CHECK("reflections"."channel" in ('slack', 'teams', 'local', 'cli', 'job')),
	CONSTRAINT "reflections_went_well_length" CHECK(length("reflections"."went_well") <= 2000),
	CONSTRAINT "reflections_next_step_length" CHECK(length("reflections"."next_step") <= 2000),
	CONSTRAINT "reflections_submitted_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "reflections"."submitted_at") is "reflections"."submitted_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reflections_student_week` ON `reflections` (`student_id`,`iso_week`);--> statement-breakpoint
CREATE TABLE `school_holidays` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "school_holidays_start_date" CHECK(date("school_holidays"."start_date") is "school_holidays"."start_date"),
	CONSTRAINT "school_holidays_end_date" CHECK(date("school_holidays"."end_date") is "school_holidays"."end_date"),
	CONSTRAINT "school_holidays_order" CHECK("school_holidays"."start_date" <= "school_holidays"."end_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `school_holidays_unique` ON `school_holidays` (`school_id`,`start_date`,`name`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Amsterdam' NOT NULL,
	`default_locale` text DEFAULT 'nl' NOT NULL,
	`prompt_weekday` integer DEFAULT 5 NOT NULL,
	`prompt_time` text DEFAULT '13:00' NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "schools_region" CHECK("schools"."region" in ('noord', 'midden', 'zuid')),
	CONSTRAINT "schools_default_locale" CHECK("schools"."default_locale" in ('nl', 'en')),
	CONSTRAINT "schools_prompt_weekday" CHECK("schools"."prompt_weekday" between 1 and 7),
	CONSTRAINT "schools_prompt_time" CHECK("schools"."prompt_time" glob '[0-2][0-9]:[0-5][0-9]'),
	CONSTRAINT "schools_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "schools"."created_at") is "schools"."created_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schools_name_unique` ON `schools` (`name`);--> statement-breakpoint
CREATE TABLE `signal_thresholds` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`team_id` integer,
	`kind` text NOT NULL,
	`enabled` integer NOT NULL,
	`params` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "signal_thresholds_kind" CHECK("signal_thresholds"."kind" in ('gespreksverzoek', 'welbevinden-daalt', 'motivatie-daalt', 'reflecties-gemist', 'te-weinig-uitdaging', 'te-veel-leerpijn', 'doel-verlopen', 'evaluatie-verlopen', 'cijfer-op-hoger-niveau', 'geen-gesprek'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signal_thresholds_school` ON `signal_thresholds` (`school_id`,`kind`) WHERE "signal_thresholds"."team_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `signal_thresholds_team` ON `signal_thresholds` (`team_id`,`kind`) WHERE "signal_thresholds"."team_id" is not null;--> statement-breakpoint
CREATE TABLE `signals` (
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
	`resolved_at` text,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`escalated_to_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "signals_kind" CHECK("signals"."kind" in ('gespreksverzoek', 'welbevinden-daalt', 'motivatie-daalt', 'reflecties-gemist', 'te-weinig-uitdaging', 'te-veel-leerpijn', 'doel-verlopen', 'evaluatie-verlopen', 'cijfer-op-hoger-niveau', 'geen-gesprek')),
	CONSTRAINT "signals_severity" CHECK("signals"."severity" in ('urgent', 'let-op', 'info')),
	CONSTRAINT "signals_status" CHECK("signals"."status" in ('open', 'gezien', 'opgelost')),
	CONSTRAINT "signals_first_seen_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "signals"."first_seen_at") is "signals"."first_seen_at"),
	CONSTRAINT "signals_last_seen_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "signals"."last_seen_at") is "signals"."last_seen_at"),
	CONSTRAINT "signals_acknowledged_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "signals"."acknowledged_at") is "signals"."acknowledged_at"),
	CONSTRAINT "signals_resolved_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "signals"."resolved_at") is "signals"."resolved_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signals_one_unresolved` ON `signals` (`student_id`,`kind`) WHERE "signals"."status" <> 'opgelost';--> statement-breakpoint
CREATE INDEX `signals_status_kind` ON `signals` (`status`,`kind`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`locale` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "staff_locale" CHECK("staff"."locale" in ('nl', 'en')),
	CONSTRAINT "staff_email_lower" CHECK("staff"."email" = lower("staff"."email")),
	CONSTRAINT "staff_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "staff"."created_at") is "staff"."created_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_unique` ON `staff` (`email`);--> statement-breakpoint
CREATE INDEX `staff_school` ON `staff` (`school_id`);--> statement-breakpoint
CREATE TABLE `staff_roles` (
	`id` integer PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`role` text NOT NULL,
	`team_id` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "staff_roles_role" CHECK("staff_roles"."role" in ('mentor', 'docent', 'zorgcoordinator', 'teamleider', 'beheerder')),
	CONSTRAINT "staff_roles_team_only_for_leaders" CHECK("staff_roles"."team_id" is null or "staff_roles"."role" = 'teamleider')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_roles_unique` ON `staff_roles` (`staff_id`,`role`) WHERE "staff_roles"."team_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_roles_unique_team` ON `staff_roles` (`staff_id`,`role`,`team_id`) WHERE "staff_roles"."team_id" is not null;--> statement-breakpoint
CREATE TABLE `students` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`group_id` integer,
	`mentor_id` integer,
	`first_name` text NOT NULL,
	`last_name_prefix` text,
	`last_name` text NOT NULL,
	`preferred_name` text,
	`email` text NOT NULL,
	`onderwijssoort` text NOT NULL,
	`leerjaar` integer NOT NULL,
	`locale` text,
	`prompt_weekday` integer,
	`prompt_time` text,
	`paused_until` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`mentor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "students_onderwijssoort" CHECK("students"."onderwijssoort" in ('po', 'vmbo-b', 'vmbo-k', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo')),
	CONSTRAINT "students_leerjaar" CHECK("students"."leerjaar" between 1 and 8),
	CONSTRAINT "students_locale" CHECK("students"."locale" in ('nl', 'en')),
	CONSTRAINT "students_prompt_weekday" CHECK("students"."prompt_weekday" between 1 and 7),
	CONSTRAINT "students_prompt_time" CHECK("students"."prompt_time" glob '[0-2][0-9]:[0-5][0-9]'),
	CONSTRAINT "students_paused_until" CHECK(date("students"."paused_until") is "students"."paused_until"),
	CONSTRAINT "students_email_lower" CHECK("students"."email" = lower("students"."email")),
	CONSTRAINT "students_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "students"."created_at") is "students"."created_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `students_email_unique` ON `students` (`email`);--> statement-breakpoint
CREATE INDEX `students_school` ON `students` (`school_id`);--> statement-breakpoint
CREATE INDEX `students_group` ON `students` (`group_id`);--> statement-breakpoint
CREATE INDEX `students_mentor` ON `students` (`mentor_id`);--> statement-breakpoint
CREATE INDEX `students_last_name` ON `students` (`last_name`);--> statement-breakpoint
CREATE INDEX `students_first_name` ON `students` (`first_name`);--> statement-breakpoint
CREATE TABLE `subject_enrolments` (
	`id` integer PRIMARY KEY NOT NULL,
	`student_id` integer NOT NULL,
	`subject` text NOT NULL,
	`level` text NOT NULL,
	`moment` text NOT NULL,
	`result_grade` real,
	`result_word` text,
	`status` text NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "subject_enrolments_subject" CHECK("subject_enrolments"."subject" in ('nederlands', 'engels', 'frans', 'duits', 'spaans', 'wiskunde', 'wiskunde-a', 'wiskunde-b', 'natuurkunde', 'scheikunde', 'biologie', 'nask', 'aardrijkskunde', 'geschiedenis', 'economie', 'maatschappijleer', 'kunst', 'lichamelijke-opvoeding', 'informatica', 'techniek')),
	CONSTRAINT "subject_enrolments_level" CHECK("subject_enrolments"."level" in ('po', 'vmbo-b', 'vmbo-k', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo')),
	CONSTRAINT "subject_enrolments_result_word" CHECK("subject_enrolments"."result_word" in ('voldoende', 'goed')),
	CONSTRAINT "subject_enrolments_status" CHECK("subject_enrolments"."status" in ('bezig', 'afgerond', 'gestopt')),
	CONSTRAINT "subject_enrolments_result_grade" CHECK("subject_enrolments"."result_grade" between 1 and 10),
	CONSTRAINT "subject_enrolments_one_result" CHECK("subject_enrolments"."result_grade" is null or "subject_enrolments"."result_word" is null),
	CONSTRAINT "subject_enrolments_moment" CHECK("subject_enrolments"."moment" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subject_enrolments_unique` ON `subject_enrolments` (`student_id`,`subject`,`level`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`scope` text NOT NULL,
	`school_id` integer NOT NULL,
	`team_id` integer,
	`group_id` integer,
	`schedule` text DEFAULT '0 8 * * 1' NOT NULL,
	`locale` text DEFAULT 'nl' NOT NULL,
	`is_staff_channel` integer DEFAULT false NOT NULL,
	`created_by_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "subscriptions_platform" CHECK("subscriptions"."platform" in ('slack', 'teams', 'local')),
	CONSTRAINT "subscriptions_scope" CHECK("subscriptions"."scope" in ('school', 'team', 'group')),
	CONSTRAINT "subscriptions_locale" CHECK("subscriptions"."locale" in ('nl', 'en')),
	CONSTRAINT "subscriptions_scope_target" CHECK(("subscriptions"."scope" = 'school' and "subscriptions"."team_id" is null and "subscriptions"."group_id" is null)
        or ("subscriptions"."scope" = 'team' and "subscriptions"."team_id" is not null and "subscriptions"."group_id" is null)
        or ("subscriptions"."scope" = 'group' and "subscriptions"."group_id" is not null)),
	CONSTRAINT "subscriptions_created_at" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "subscriptions"."created_at") is "subscriptions"."created_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_unique_school` ON `subscriptions` (`platform`,`workspace_id`,`channel_id`,`school_id`) WHERE "subscriptions"."scope" = 'school';--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_unique_team` ON `subscriptions` (`platform`,`workspace_id`,`channel_id`,`team_id`) WHERE "subscriptions"."scope" = 'team';--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_unique_group` ON `subscriptions` (`platform`,`workspace_id`,`channel_id`,`group_id`) WHERE "subscriptions"."scope" = 'group';--> statement-breakpoint
CREATE TABLE `team_indicators` (
	`team_id` integer NOT NULL,
	`position` integer NOT NULL,
	`indicator` text NOT NULL,
	`target` real NOT NULL,
	PRIMARY KEY(`team_id`, `position`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "team_indicators_position" CHECK("team_indicators"."position" between 1 and 5),
	CONSTRAINT "team_indicators_target" CHECK("team_indicators"."target" between 0 and 1),
	CONSTRAINT "team_indicators_indicator" CHECK("team_indicators"."indicator" in ('welbevinden-hoog', 'motivatie-hoog', 'grip-hoog', 'uitdaging-precies-goed', 'responspercentage', 'doelen-behaald', 'evaluaties-op-tijd'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_indicators_unique` ON `team_indicators` (`team_id`,`indicator`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY NOT NULL,
	`school_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_school_name` ON `teams` (`school_id`,`name`);