-- Who holds which roles is read on every request; the unique indexes on staff_roles are partial.
CREATE INDEX `staff_roles_staff` ON `staff_roles` (`staff_id`);