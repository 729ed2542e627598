import type { z } from 'zod'
import { calls, type CallOutput, type Calls } from '../shared/contract/calls'
import { isCallName, type CallName } from '../shared/contract/names'
import { fail, ok, type Result } from '../shared/contract/result'

/** What the service implements: one handler per call, already given validated input. */
export type Handlers = {
  [K in CallName]: (input: z.output<Calls[K]['input']>) => Promise<Result<CallOutput<K>>>
}

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>

/**
 * The boundary both hosts share: the call name must be in the contract, the input must match
 * its schema, the output is checked (and stripped to the schema) before it leaves, and nothing
 * throws across it.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (name, input) => {
    if (!isCallName(name)) return fail('unknown-call', `The contract has no call named "${String(name).slice(0, 60)}".`)
    const spec = calls[name]
    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` at \`${issue.path.join('.')}\`` : ''
      return fail('invalid-input', `${name}: ${issue?.message ?? 'invalid input'}${where}.`)
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>
      const result = await handler(parsed.data)
      if (!result.ok) return result
      const checked = spec.output.safeParse(result.value)
      if (!checked.success) {
        const issue = checked.error.issues[0]
        return fail('internal', `${name} produced an answer that breaks the contract.`, `${issue?.path.join('.')}: ${issue?.message}`)
      }
      return ok(checked.data)
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error))
      return fail('internal', `${name} failed inside the tester.`, `${err.name}: ${err.message}`)
    }
  }
}
