import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { flowsBackToBack } from './flows-back-to-back'
import { refreshRotations } from './refresh-rotations'
import { vendorApiFlow } from './vendor-api-flow'
import { callbackToTokens, rendererSize, timeToProfileList } from './renderer'
import type { BenchResult } from './result'

/** Each group runs in a process of its own, so memory left by one never weighs on the next. */
const GROUPS: Record<string, () => Promise<BenchResult[]>> = {
  'a-vendor': async () => [await vendorApiFlow(Number(process.env.BENCH_VENDOR_FLOWS ?? 200))],
  a2: () => refreshRotations(Number(process.env.BENCH_ROUNDS ?? 500)),
  b: () => flowsBackToBack(Number(process.env.BENCH_FLOWS ?? 1000)),
  c: async () => [rendererSize(), await timeToProfileList()],
  d: async () => [await callbackToTokens()],
}

const PARTIAL = 'bench/results/partial.json'

/** `npm run bench [group …]`: every speed goal measured, printed as a table, written to a JSON file. */
async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2)
  // A child: run one group and hand its results back through a file.
  const group = first === '--group' && rest[0] !== undefined ? GROUPS[rest[0]] : undefined
  if (group) {
    writeFileSync(PARTIAL, JSON.stringify(await group()))
    process.exit(0)
  }
  const only = [first, ...rest].filter((a): a is string => a !== undefined)
  const wanted = Object.keys(GROUPS).filter((id) => only.length === 0 || only.some((o) => id.startsWith(o)))
  mkdirSync('bench/results', { recursive: true })
  const results: BenchResult[] = []
  for (const id of wanted) {
    process.stderr.write(`… ${id}\n`)
    const child = spawnSync(process.execPath, ['--expose-gc', process.argv[1] as string, '--group', id], { stdio: 'inherit', env: process.env })
    if (child.status !== 0) throw new Error(`benchmark ${id} failed`)
    results.push(...(JSON.parse(readFileSync(PARTIAL, 'utf8')) as BenchResult[]))
  }

  const width = Math.max(...results.map((r) => r.name.length), 10)
  console.log(`\n${'benchmark'.padEnd(width)}  ${'result'.padStart(12)}  ${'goal'.padEnd(10)}  ok`)
  for (const r of results) {
    console.log(`${r.name.padEnd(width)}  ${`${r.value} ${r.unit}`.padStart(12)}  ${r.goal.padEnd(10)}  ${r.ok ? 'yes' : 'NO'}`)
  }
  const record = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    results,
  }
  writeFileSync('bench/results/latest.json', `${JSON.stringify(record, null, 2)}\n`)
  console.log('\nWritten to bench/results/latest.json')
  process.exit(results.every((r) => r.ok) ? 0 : 1)
}

void main()
