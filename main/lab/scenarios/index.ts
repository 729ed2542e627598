import { ScenarioRegistry } from '../registry'
import { STANDARD_SCENARIOS } from './standard'
import { TESTER_SCENARIOS } from './tester'

/** The scenarios the lab ships with; the vendor ones join when the vendor flow lands (see `vendor.ts`). */
export function builtInScenarios(): ScenarioRegistry {
  return new ScenarioRegistry([...STANDARD_SCENARIOS, ...TESTER_SCENARIOS])
}
