-- Settings of the national-shape demo build: a bounded build that shares the machine spills to disk next to the
-- file rather than grow past the limit, and keeps insertion order so that tables lie on disk in region order (zone
-- maps then skip the row groups of other regions).
-- privacy: admin-only (a statement of the demo generator, never read by a page)
set memory_limit = '4GB';
set preserve_insertion_order = true;
set temp_directory = $spill_dir
