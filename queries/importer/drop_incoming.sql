-- Drop the staged rows of one table's import.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
drop table if exists incoming
