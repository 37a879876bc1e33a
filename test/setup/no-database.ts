// What `@electric-sql/pglite` resolves to in the `unit` project (vitest.config.ts): a unit test is pure, so opening
// an embedded database there fails at once, naming where such a test belongs. Importing a module that merely
// mentions PGlite stays possible.
export class PGlite {
  constructor() {
    throw new Error('the unit project opens no database: list this test file in DATABASE_TESTS of vitest.config.ts (the `handlers` project)')
  }
}
