// Runs named commands one after another, stops at the first failure, prints a timing table.
import { spawn } from 'node:child_process'

export async function runSteps(steps) {
  const timings = []
  for (const step of steps) {
    console.log(`\n━━ ${step.name} ━━ ${[step.command, ...step.args].join(' ')}`)
    const started = performance.now()
    const code = await new Promise((resolve) => {
      const child = spawn(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } })
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)))
      child.once('error', (error) => {
        console.error(error.message)
        resolve(1)
      })
    })
    timings.push({ name: step.name, seconds: (performance.now() - started) / 1000, ok: code === 0 })
    if (code !== 0) {
      printTable(timings)
      console.error(`\n✗ ${step.name} failed (exit ${code}).`)
      return code
    }
  }
  printTable(timings)
  return 0
}

function printTable(timings) {
  const total = timings.reduce((sum, t) => sum + t.seconds, 0)
  console.log('\nstep            time     result')
  for (const t of timings) console.log(`${t.name.padEnd(15)} ${`${t.seconds.toFixed(1)} s`.padStart(7)}  ${t.ok ? 'ok' : 'FAILED'}`)
  console.log(`${'total'.padEnd(15)} ${`${total.toFixed(1)} s`.padStart(7)}`)
}
