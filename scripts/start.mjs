// `npm start`: builds and runs the desktop app. Where Electron cannot be had (no binary and no
// way to download one), it says so and starts the web host instead: the same app in a browser.
import { spawn, spawnSync } from 'node:child_process'

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

// Electron 42+ downloads its binary on first require; do that in a child so a failure is a value.
console.error('Looking for the Electron binary (the first start downloads it)…')
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  timeout: 10 * 60_000,
})
const electronPath = probe.status === 0 ? probe.stdout.trim() : ''
const why = (probe.stderr ?? '').split('\n').find((line) => /Error/.test(line))?.trim()

const run = (command, args) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.once('exit', (code) => process.exit(code ?? 0))
}

if (electronPath) {
  run(electronPath, ['.'])
} else {
  console.error(`\nThe Electron binary is not available on this machine (${why ?? 'download failed'}), so the desktop window cannot open.`)
  console.error('Starting the web host instead: the same service and interface, in your browser.\n')
  run(process.execPath, ['out/main/web.js', '--open'])
}
