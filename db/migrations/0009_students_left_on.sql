-- A nullable column with its CHECK: SQLite adds it in place, without rebuilding the table (drizzle-kit
-- generated a rebuild whose copy would read the column from the old table, where it does not exist).
ALTER TABLE `students` ADD COLUMN `left_on` text CONSTRAINT "students_left_on" CHECK(date("left_on") is "left_on");
