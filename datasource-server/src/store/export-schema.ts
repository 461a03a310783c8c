// Prints the schema script shipped as migrations/01_schema.sql (regenerate after adding a migration).

import { schemaSql } from './migrations.ts';

process.stdout.write(schemaSql());
