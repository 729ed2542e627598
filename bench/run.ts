import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { flowsBackToBack } from './flows-back-to-back'
import { refreshRotations } from './refresh-rotations'
import { vendorApiFlow } from './vendor-api-flow'
import { callbackToTokens, rendererSize, timeToProfileList } from './renderer'
import type { BenchResult } from './result'

/** `npm run bench`: every speed goal measured, printed as a table, written to a JSON file. */
async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const want = (id: string): boolean => only.length === 0 || only.some((o) => id.startsWith(o))
  const results: BenchResult[] = []
  const step = async (id: string, run: () => Promise<BenchResult | BenchResult[]>): Promise<void> => {
    if (!want(id)) return
    process.stderr.write(`… ${id}\n`)
    const out = await run()
    results.push(...(Array.isArray(out) ? out : [out]))
  }
  await step('a-vendor', () => vendorApiFlow(Number(process.env.BENCH_VENDOR_FLOWS ?? 200)))
  await step('a2', () => refreshRotations(Number(process.env.BENCH_ROUNDS ?? 500)))
  await step('b', () => flowsBackToBack(Number(process.env.BENCH_FLOWS ?? 1000)))
  await step('c', async () => [rendererSize(), await timeToProfileList()])
  await step('d', () => callbackToTokens())

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
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/latest.json', `${JSON.stringify(record, null, 2)}\n`)
  console.log('\nWritten to bench/results/latest.json')
  process.exit(results.every((r) => r.ok) ? 0 : 1)
}

void main()
