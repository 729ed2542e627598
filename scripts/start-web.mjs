// `npm run start:web`: builds, then runs the web host (same service, real renderer, in a browser).
// Build output goes to stderr so `--json` keeps stdout to its one line.
import { spawn, spawnSync } from 'node:child_process'

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: ['ignore', process.stderr, 'inherit'] })
if (build.status !== 0) process.exit(build.status ?? 1)

const host = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
host.once('exit', (code) => process.exit(code ?? 0))
