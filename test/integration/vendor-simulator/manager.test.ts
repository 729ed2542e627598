import { describe, expect, it } from 'vitest'
import { IDLE_STOP_MS } from '../../../main/sandbox/on-demand-server'
import { VendorSimulatorManager } from '../../../main/sandbox/vendor-simulator-manager'
import { createService } from '../../../main/service'
import { FakeClock } from '../../support/fake-clock'

const reachable = async (url: string): Promise<boolean> =>
  fetch(`${url}/_simulator`).then(
    (r) => r.ok,
    () => false,
  )

describe('VendorSimulatorManager', () => {
  it('starts the simulator on demand, shares it, stops it when idle and restarts it on the same ports', async () => {
    const clock = new FakeClock()
    const manager = new VendorSimulatorManager(clock)
    expect(await manager.current()).toBeUndefined()
    const a = await manager.acquire()
    const b = await manager.acquire()
    expect(b).toBe(a)
    const { sandbox, production } = a.environments
    expect(await reachable(sandbox.baseUrl)).toBe(true)

    manager.release()
    manager.release()
    clock.advance(IDLE_STOP_MS - 1)
    expect(await manager.current()).toBe(a)
    clock.advance(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(await manager.current()).toBeUndefined()
    expect(await reachable(sandbox.baseUrl)).toBe(false)

    const again = await manager.acquire()
    expect(again).not.toBe(a)
    expect(again.environments.sandbox.baseUrl).toBe(sandbox.baseUrl)
    expect(again.environments.production.baseUrl).toBe(production.baseUrl)
    await manager.stop()
  })

  it('is part of the service, and closing the service stops it', async () => {
    const service = createService({ host: 'web', version: 'test', versions: {}, openBrowser: async () => {}, clock: new FakeClock() })
    const sim = await service.vendorSimulator.acquire()
    expect(await reachable(sim.environments.production.baseUrl)).toBe(true)
    await service.close()
    expect(await reachable(sim.environments.production.baseUrl)).toBe(false)
  })
})
