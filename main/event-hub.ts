import { TesterEventSchema, type TesterEvent } from '../shared/contract/events'

export type EventListener = (event: TesterEvent) => void

/**
 * Fans main's events out to whichever host is listening. Each event is checked against the
 * contract once, here; unknown fields are stripped, so nothing the schema does not name leaves.
 */
export class EventHub {
  private listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: TesterEvent): void {
    // Nothing leaves main when nobody listens (a script that only calls): no check, no copy.
    if (this.listeners.size === 0) return
    const checked = TesterEventSchema.safeParse(event)
    if (!checked.success) {
      console.error(`[events] dropped an event that breaks the contract: ${checked.error.issues[0]?.message ?? ''}`)
      return
    }
    for (const listener of this.listeners) {
      try {
        listener(checked.data)
      } catch (error) {
        console.error('[events] a listener failed:', (error as Error).message)
      }
    }
  }
}
