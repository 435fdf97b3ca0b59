-- Drop the staged rows of one table's import.
drop table if exists incoming
