import { fail, ok, type Result } from '../../shared/contract/result'
import type { Profile } from '../../shared/domain/profile'
import type { Clock } from '../clock'
import { resolveVendorTarget } from '../flows/vendor-target'
import { startVendorSimulator } from '../sandbox/vendor/simulator'
import type { VendorLabTarget } from './vendor-lab-client'

/**
 * The clock the lab's simulator runs on: the current scenario's. A time scenario hands it the
 * lab's manual clock, so "ten minutes later" is as true for the vendor's session as for the
 * lab; every other scenario hands it the app's clock.
 */
export class ScenarioClock implements Clock {
  private current: Clock

  constructor(private readonly base: Clock) {
    this.current = base
  }

  use(clock: Clock | undefined): void {
    this.current = clock ?? this.base
  }

  now(): number {
    return this.current.now()
  }

  at(at: number, fn: () => void): () => void {
    return this.current.at(at, fn)
  }
}

export interface ResolvedVendorTarget {
  kind: 'vendor-simulator'
  profile: Profile
  lab: VendorLabTarget
  clock: ScenarioClock
  /** The secret key, scrubbed from every report. */
  secrets: readonly string[]
  close(): Promise<void>
}

/**
 * The vendor scenarios' target: a simulator of the lab's own, started for this lab run on the
 * scenario's clock (the app's runs keep theirs, untouched by the lab's faults), and a vendor
 * profile resolved against it (base URL and keys of its environment and region).
 */
export async function resolveVendorLabTarget(clock: Clock, profile: Profile): Promise<Result<ResolvedVendorTarget>> {
  if (profile.embedded !== 'vendor-simulator') return fail('invalid-input', `“${profile.name}” is not a profile of the embedded vendor simulator.`)
  const scenarioClock = new ScenarioClock(clock)
  const sim = await startVendorSimulator({ clock: scenarioClock })
  const call = resolveVendorTarget(profile, {}, sim)
  if ('problem' in call) {
    await sim.close()
    return fail('invalid-input', call.problem)
  }
  return ok({
    kind: 'vendor-simulator',
    profile,
    lab: { profile: call.profile, call, sim },
    clock: scenarioClock,
    secrets: Object.values(call.secretHeaders).filter((v) => v.length > 0),
    close: () => sim.close(),
  })
}
