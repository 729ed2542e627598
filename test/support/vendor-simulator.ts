import { afterAll, beforeAll } from 'vitest'
import type { Region } from '../../shared/domain/profile'
import { startVendorSimulator, type VendorSimulator } from '../../main/sandbox/vendor/simulator'
import type { VendorSimulatorOptions } from '../../main/sandbox/vendor/options'
import { FakeClock } from './fake-clock'
import { VendorClient } from './vendor-client'

export interface SimulatorFixture {
  clock: FakeClock
  readonly sim: VendorSimulator
  /** A client of the sandbox environment (international region unless told). */
  sandbox(region?: Region, keyIndex?: number): VendorClient
  production(region?: Region): VendorClient
}

/** Starts one simulator on 127.0.0.1 with a fake clock for the enclosing file or describe. */
export function useVendorSimulator(options: Omit<VendorSimulatorOptions, 'clock'> = {}): SimulatorFixture {
  const clock = new FakeClock()
  let sim: VendorSimulator | undefined
  beforeAll(async () => {
    sim = await startVendorSimulator({ ...options, clock })
  })
  afterAll(() => sim?.close())
  const running = (): VendorSimulator => {
    if (!sim) throw new Error('The simulator is not running yet.')
    return sim
  }
  return {
    clock,
    get sim() {
      return running()
    },
    sandbox: (region = 'international', keyIndex = 0) => new VendorClient(running().environments.sandbox, region, keyIndex),
    production: (region = 'international') => new VendorClient(running().environments.production, region),
  }
}

/** The claims of a JWT, unverified (the tests only read what the simulator put there). */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
}
