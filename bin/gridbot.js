#!/usr/bin/env node
// The `gridbot` command. Runs the compiled build (dist/, `npm run build`) with plain node when it is current, so
// production needs no TypeScript at run time; otherwise (a fresh clone, or src/ edited since the build) the
// TypeScript source through tsx. GRIDBOT_FROM_SOURCE=1 always takes the source.
import { distIsFresh } from './dist-fresh.js'

if (!process.env.GRIDBOT_FROM_SOURCE && distIsFresh()) {
  await import('../dist/cli.js')
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli.ts')
}
