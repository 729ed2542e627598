import type { Scenario } from './scenario'

/**
 * The scenario registry: the lab's one extension point. A scenario is data (id, title, fault,
 * target, expected diagnosis) plus a `run` that injects its fault; adding one is `add()`.
 */
export class ScenarioRegistry {
  private readonly scenarios = new Map<string, Scenario>()

  constructor(initial: readonly Scenario[] = []) {
    for (const s of initial) this.add(s)
  }

  add(scenario: Scenario): this {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(scenario.id)) throw new Error(`Scenario id "${scenario.id}" must be lowercase words joined by dashes.`)
    if (this.scenarios.has(scenario.id)) throw new Error(`A scenario "${scenario.id}" is already registered.`)
    this.scenarios.set(scenario.id, scenario)
    return this
  }

  get(id: string): Scenario | undefined {
    return this.scenarios.get(id)
  }

  list(): Scenario[] {
    return [...this.scenarios.values()]
  }
}
