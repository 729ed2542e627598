import type { CallInput, CallOutput } from './calls'
import type { CallName } from './names'
import type { Result } from './result'
import type { TesterEvent } from './events'

/** The object the renderer sees as `window.tester`, in either host. */
export type TesterApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>
} & {
  /** Subscribe to main's events; returns the unsubscribe function. */
  onEvent(listener: (event: TesterEvent) => void): () => void
}
