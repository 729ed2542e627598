// `npm run bench`: builds the app and the benchmarks, then runs them (not part of npm test).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { build } from 'vite'

const root = new URL('..', import.meta.url).pathname
const appBuild = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' })
if (appBuild.status !== 0) process.exit(appBuild.status ?? 1)

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))
const packages = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: `${root}out/bench`,
    emptyOutDir: true,
    rollupOptions: {
      input: { bench: `${root}bench/run.ts` },
      external: (id) => id.startsWith('node:') || builtinModules.includes(id) || packages.some((p) => id === p || id.startsWith(`${p}/`)),
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
})
const run = spawnSync(process.execPath, ['--expose-gc', 'out/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? 1)
