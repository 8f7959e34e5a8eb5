import { defineConfig } from 'drizzle-kit';

// Only used to *generate* migrations (npm run db:generate); they are applied from code (see migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
