import type { Clock } from '../clock'
import { OnDemandServer } from './on-demand-server'
import type { VendorSimulatorOptions } from './vendor/options'
import { startVendorSimulator, type VendorSimulator } from './vendor/simulator'

export type VendorSimulatorSettings = Omit<VendorSimulatorOptions, 'clock'>

/**
 * The local vendor simulator, started when a run needs it and stopped when idle, like the
 * embedded OIDC sandbox. Its two ports are kept across restarts when they are still free, so
 * a profile's base URLs stay the same for the whole app session.
 */
export class VendorSimulatorManager extends OnDemandServer<VendorSimulator> {
  constructor(clock: Clock, settings: VendorSimulatorSettings = {}) {
    let lastPorts: { sandbox: number; production: number } | undefined
    super(clock, async () => {
      let sim: VendorSimulator
      try {
        sim = await startVendorSimulator({ ...settings, clock, ports: settings.ports ?? lastPorts ?? {} })
      } catch (error) {
        // An old port was taken meanwhile: any free ports will do.
        if (!lastPorts) throw error
        sim = await startVendorSimulator({ ...settings, clock, ports: {} })
      }
      lastPorts = { sandbox: sim.environments.sandbox.port, production: sim.environments.production.port }
      return sim
    })
  }
}
