import type { Cause } from '../../../shared/domain/diagnosis'
import { cause } from './evidence'
import { firstDifference } from './text-diff'

/**
 * A `state` that came back different from the one sent: the state of an earlier attempt
 * (confirmed by the list of states the client sent), or a changed copy, and where it changed.
 */
export function stateMismatchCause(sent: string, received: string, earlierStates: readonly string[] = []): Cause | undefined {
  if (sent === received) return undefined
  const evidence = [
    { label: 'state sent', value: sent },
    { label: 'state received', value: received },
    { label: 'first difference', value: firstDifference(sent, received) },
  ]
  if (earlierStates.includes(received)) {
    return cause('state.other_attempt', 'The state received belongs to an earlier attempt of this client, not to this one: the browser finished an old login.', 'confirmed', evidence)
  }
  const how =
    sent.startsWith(received) ? 'it was cut short'
      : received.startsWith(sent) ? 'something was appended to it'
        : safeDecode(received) === sent || safeDecode(sent) === received ? 'it was URL-encoded or decoded on the way'
          : sent.toLowerCase() === received.toLowerCase() ? 'its letter case changed'
            : 'it is a different value'
  return cause('state.altered', `The state came back changed: ${how}. The redirect cannot be tied to this attempt, so its code is not used.`, 'confirmed', [...evidence, { label: 'how it differs', value: how }])
}

const safeDecode = (v: string): string => {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}
