// Dependency rules for src/ (`npm run deps`). Tests, bench and scripts are outside src/ and not cruised.
// Paths in rules are relative to the repository root; `to.path` of an npm package is its resolved node_modules path.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment:
        'src/core/ is the bottom layer: it owns the small interfaces (clock, outbox, scheduler, errors) that the rest plugs into, ' +
        'so it must not import anything of ours outside src/core/. Move the shared piece into core, or inject it through a port.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'only-transport-imports-wechaty',
      comment:
        'Only src/transport/ may import wechaty, wechaty-puppet, wechaty-puppet-mock, wechaty-puppet-service or file-box. ' +
        'The rest of the bot sees plain data (InboundMessage) and the ChatTransport interface, never Wechaty types.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/transport/' },
      to: { path: 'node_modules/(wechaty|wechaty-puppet|wechaty-puppet-mock|wechaty-puppet-service|file-box)/' },
    },
    {
      name: 'prisma-client-only-in-db-and-repos',
      comment:
        'The generated Prisma client (src/db/generated/**, its enums included) is imported only by src/db/ and repository files ' +
        '(*.repo.ts), the one place with Prisma queries. Everything else uses our own domain types (domain/*/*.types.ts), ' +
        'which the rows satisfy structurally.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/db/', '[.]repo[.]ts$'] },
      to: { path: '^src/db/generated/' },
    },
    {
      name: 'commands-through-services',
      comment:
        'Command handlers call domain services, never repositories or the database: rules live in services, queries in ' +
        'repositories. A handler passes its unit of work (ctx.work) to the service.',
      severity: 'error',
      from: { path: ['^src/commands/', '^src/capabilities/.+[.](command|handler)[.]ts$', '^src/capabilities/.+-support[.]ts$'] },
      to: { path: ['[.]repo[.]ts$', '^src/db/'] },
    },
    {
      name: 'pipeline-not-to-commands',
      comment:
        'src/pipeline/ (dispatcher and middleware) imports nothing from src/commands/ or src/capabilities/: the command registry ' +
        'is injected (its interface lives in core or pipeline), so commands depend on the pipeline and never the other way round.',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: { path: ['^src/commands/', '^src/capabilities/'] },
    },
    {
      name: 'capabilities-meet-through-the-kernel',
      comment:
        "A capability (src/capabilities/<name>/) imports no other capability's folder: what they share lives in src/kernel/, " +
        "and they meet through the kernel's domain events (task.completed → points, resources, projects subscribe). " +
        'Publish an event, or move the shared piece into the kernel. Existing debt: .dependency-cruiser-known-violations.json.',
      severity: 'error',
      from: { path: '^src/capabilities/([^/]+)/' },
      to: { path: '^src/capabilities/', pathNot: ['^src/capabilities/$1/', '^src/capabilities/capability[.]ts$'] },
    },
    {
      name: 'kernel-imports-no-capability',
      comment:
        'src/kernel/ is what every capability shares (org authority, escalation engine, policy, unit of work and events): ' +
        'it names no capability and no composition. A capability plugs into it by declaring (its index), never the reverse.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: ['^src/capabilities/', '^src/commands/', '^src/app/', '^src/main[.]ts$'] },
    },
    {
      name: 'capabilities-not-to-composition',
      comment:
        'Capabilities are composed by src/app/ and src/main.ts (the capability list read by the registry, sweeper, timers, ' +
        'outbox marks, events); they never import the composition, or adding one would mean editing the others.',
      severity: 'error',
      from: { path: '^src/capabilities/' },
      to: { path: ['^src/app/', '^src/main[.]ts$', '^src/commands/registry[.]ts$', '^src/capabilities/index[.]ts$'] },
    },
    {
      name: 'runtime-only-from-sim-cli-infra',
      comment:
        'src/runtime/ starts dev-only redis-server / PostgreSQL processes. Only src/sim/, src/cli.ts and src/infra.ts may import it; ' +
        'production code gets its connections from config. (Tests and bench are outside src/ and may use it.)',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/sim/', '^src/cli[.]ts$', '^src/infra[.]ts$', '^src/runtime/'] },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'web-is-an-edge',
      comment:
        'src/web/ (the web console) sits beside the CLI at the top: only the CLI, the production starter that mounts it ' +
        '(src/app/production.ts) and src/web/ itself import it. The bot (commands, domain, pipeline, jobs) never depends ' +
        'on the console; what the console reads comes from repositories.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/web/', '^src/cli[.]ts$', '^src/app/production[.]ts$'] },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles, type-only imports included: a cycle means two modules are one concept or a layer points the wrong way. ' +
        'Break it by moving the shared piece down a layer (often into core) or by injecting it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file or package: a typo, a missing dependency, or a not-yet-generated Prisma client (run npm run db:generate).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'src/ imports an npm package that is not in package.json dependencies (it only works because something else pulled it in).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'src/ runs in production, where devDependencies are not installed: import only packages from "dependencies".',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // The Prisma client is generated (npm ci runs db:generate); we check who imports it, not what is inside it.
    doNotFollow: { path: ['node_modules', '^src/db/generated/'] },
    // Also see `import type`, so the Prisma and Wechaty boundaries hold for types too (marked 'type-only').
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
    cache: false,
  },
}
