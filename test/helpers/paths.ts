import path from 'node:path'
export const DEMO_ORG = path.resolve(import.meta.dirname, '../../examples/demo-org.yaml')
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures')
