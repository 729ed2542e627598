import { ScenarioRegistry } from '../registry'
import { STANDARD_SCENARIOS } from './standard'
import { TESTER_SCENARIOS } from './tester'
import { VENDOR_SCENARIOS } from './vendor'

/** The scenarios the lab ships with: the standard flow's, the vendor flow's, and the tester's self-check. */
export function builtInScenarios(): ScenarioRegistry {
  return new ScenarioRegistry([...STANDARD_SCENARIOS, ...VENDOR_SCENARIOS, ...TESTER_SCENARIOS])
}
