import { createService } from '../main/service'
import type { RunView } from '../shared/domain/run'
import { loginThroughSandbox } from '../test/support/sandbox-login'
import type { BenchResult } from './result'
import { round } from './stats'

/**
 * (b) 1,000 complete flows back to back through the service, against the embedded server:
 * growth of RSS (after a forced GC) and the handles left open afterwards.
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
  // Warm up: the sandbox starts, modules load, JIT settles, and the bounded stores (the last
  // 200 runs, token sets and history records) fill up, so what grows after that is a leak.
  for (let i = 0; i < 250; i++) await once()
  gc?.()
  const handlesBefore = process.getActiveResourcesInfo().length
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    await once()
    if (process.env.BENCH_TRACE && i % 200 === 199) {
      gc?.()
      const m = process.memoryUsage()
      process.stderr.write(`  ${i + 1}: rss ${round(m.rss / 1048576, 1)} heap ${round(m.heapUsed / 1048576, 1)} ext ${round(m.external / 1048576, 1)} ab ${round(m.arrayBuffers / 1048576, 1)}\n`)
    }
  }
  const seconds = (performance.now() - started) / 1000
  gc?.()
  await new Promise((r) => setTimeout(r, 500))
  gc?.()
  const rssAfter = process.memoryUsage().rss
  const growthMb = (rssAfter - rssBefore) / 1024 / 1024
  const handlesAfter = process.getActiveResourcesInfo().length
  await service.close()
  return [
    {
      id: 'b-rss',
      name: `${count} flows back to back: RSS growth`,
      value: round(growthMb, 1),
      unit: 'MB',
      goal: '< 20 MB',
      ok: growthMb < 20,
      details: { flows: count, seconds: round(seconds, 1), flowsPerSecond: round(count / seconds, 1), rssBeforeMb: round(rssBefore / 1048576, 1), rssAfterMb: round(rssAfter / 1048576, 1) },
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
