import { createService } from '../main/service'
import type { RunView } from '../shared/domain/run'
import { loginThroughSandbox } from '../test/support/sandbox-login'
import type { BenchResult } from './result'
import { median, round } from './stats'

const MB = 1024 * 1024

/**
 * (b) 1,000 complete flows back to back through the service, against the embedded server:
 * growth of RSS and the handles left open afterwards.
 *
 * RSS is noisy: V8 and the allocator grow and shrink the heap's reserve under load. So memory
 * is read after a forced GC every 100 flows, and the growth is the median of the last three
 * readings minus the median of the first three: a steady rise shows, a single swing does not.
 */
export async function flowsBackToBack(count = 1000): Promise<BenchResult[]> {
  const gc = (globalThis as { gc?: () => void }).gc
  const service = createService({ host: 'web', version: 'bench', versions: {}, openBrowser: async () => undefined })
  const once = async (): Promise<void> => {
    const started = (await service.dispatch('startFlow', { profileId: 'local-sandbox' })) as { ok: boolean; value: RunView }
    if (!started.ok) throw new Error('startFlow failed')
    await loginThroughSandbox(started.value.authorizeUrl!, { followFinal: true })
    const done = await service.engine.settled(started.value.id)
    if (done?.status !== 'succeeded') throw new Error(`flow ended ${done?.status}`)
  }
  const reading = (): NodeJS.MemoryUsage => {
    gc?.()
    return process.memoryUsage()
  }
  // Warm up: the sandbox starts, modules load, JIT settles, and the bounded stores (the last
  // 200 runs, token sets and history records) fill up, so what grows after that is a leak.
  for (let i = 0; i < 250; i++) await once()
  const handlesBefore = process.getActiveResourcesInfo().length
  const readings: NodeJS.MemoryUsage[] = [reading()]
  const started = performance.now()
  for (let i = 1; i <= count; i++) {
    await once()
    if (i % 100 === 0) readings.push(reading())
  }
  const seconds = (performance.now() - started) / 1000
  await new Promise((r) => setTimeout(r, 500))
  const handlesAfter = process.getActiveResourcesInfo().length
  await service.close()

  const growth = (of: (m: NodeJS.MemoryUsage) => number): number =>
    (median(readings.slice(-3).map(of)) - median(readings.slice(0, 3).map(of))) / MB
  const rssGrowth = growth((m) => m.rss)
  return [
    {
      id: 'b-rss',
      name: `${count} flows back to back: RSS growth`,
      value: round(rssGrowth, 1),
      unit: 'MB',
      goal: '< 20 MB',
      ok: rssGrowth < 20,
      details: {
        flows: count,
        seconds: round(seconds, 1),
        flowsPerSecond: round(count / seconds, 1),
        heapGrowthMb: round(growth((m) => m.heapUsed), 1),
        rssReadingsMb: readings.map((m) => round(m.rss / MB, 0)).join(' '),
      },
    },
    {
      id: 'b-handles',
      name: `${count} flows back to back: handles left open`,
      value: handlesAfter - handlesBefore,
      unit: 'handles',
      goal: '0',
      ok: handlesAfter - handlesBefore <= 0,
      details: { before: handlesBefore, after: handlesAfter },
    },
  ]
}
