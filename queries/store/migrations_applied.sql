select version
from schema_migration
