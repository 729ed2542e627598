// `npm test`: everything CI checks, in order, fastest first.
import { existsSync } from 'node:fs'
import { runSteps } from './run-steps.mjs'

const bin = (name) => `node_modules/.bin/${name}`
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install Debian's (apt-get install chromium) or set CHROMIUM_PATH. Playwright never downloads one.`)
  process.exit(1)
}

const code = await runSteps([
  { name: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.node.json'] },
  { name: 'typecheck vue', command: bin('vue-tsc'), args: ['-p', 'tsconfig.web.json'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'unit', command: bin('vitest'), args: ['run', '--project', 'unit'] },
  { name: 'integration', command: bin('vitest'), args: ['run', '--project', 'integration'] },
  { name: 'build', command: process.execPath, args: ['scripts/build.mjs', '--quiet'] },
  { name: 'e2e', command: bin('playwright'), args: ['test'] },
])
process.exit(code)
