-- Set family size and mothers-plus-young-children counts from a P3KE individual-level export.
-- privacy: admin-only (importer statement: run by the import command and Kelola Data, never shown through load)
update household
set
    members_count = incoming.members_count,
    mothers_children_count = incoming.mothers_children_count
from incoming
where household.household_id = incoming.household_id
