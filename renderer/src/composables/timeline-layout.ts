import type { LifecycleEventView, TokenRecordView, TokenSetDetail } from '../../../shared/domain/token-lifecycle'

/**
 * Where things go in the token timeline. Events sit at equal steps in the order they happened
 * (a refresh a second after the exchange and a revoke a day later both stay readable); the
 * time between two events is written on the gap. Each token is a bar in its lane, from the
 * event that issued it to the one that ended it, or to the "now" line while it lives.
 */

export const LANES = [
  { kind: 'access_token', label: 'Access token' },
  { kind: 'refresh_token', label: 'Refresh token' },
  { kind: 'id_token', label: 'ID token' },
] as const

export interface TimelineNode {
  event: LifecycleEventView
  x: number
  /** Time since the previous event, written on the gap before this node. */
  gap?: string
}

export interface TimelineBar {
  token: TokenRecordView
  lane: number
  x1: number
  x2: number
  /** Still alive: the bar runs into the "now" line. */
  open: boolean
}

export interface TimelineLayout {
  width: number
  height: number
  trackY: number
  laneY: number[]
  nodes: TimelineNode[]
  bars: TimelineBar[]
  nowX: number
}

export const GEOMETRY = { left: 120, spacing: 150, right: 40, trackY: 46, firstLaneY: 112, laneGap: 30, bottom: 24 } as const

export function layoutTimeline(set: Pick<TokenSetDetail, 'events' | 'tokens'>): TimelineLayout {
  const g = GEOMETRY
  const events = [...set.events].sort((a, b) => a.at - b.at)
  const nodes: TimelineNode[] = events.map((event, i) => {
    const node: TimelineNode = { event, x: g.left + i * g.spacing }
    const previous = events[i - 1]
    if (previous) node.gap = `+${shortSpan(event.at - previous.at)}`
    return node
  })
  const lastX = nodes.at(-1)?.x ?? g.left
  const nowX = lastX + g.spacing * 0.75
  const laneY = LANES.map((_, i) => g.firstLaneY + i * g.laneGap)
  const xOfEvent = (index: number): number => nodes[index]?.x ?? g.left

  const bars: TimelineBar[] = []
  for (const token of set.tokens) {
    const lane = LANES.findIndex((l) => l.kind === token.kind)
    if (lane < 0) continue
    const start = events.findIndex((e) => e.tokenIds.includes(token.id))
    if (start < 0) continue
    const end = endIndex(events, token, start)
    const open = token.status === 'current'
    bars.push({ token, lane, x1: xOfEvent(start), x2: open || end < 0 ? nowX : xOfEvent(end), open })
  }
  return {
    width: nowX + g.right + 90,
    height: (laneY.at(-1) ?? g.firstLaneY) + g.bottom,
    trackY: g.trackY,
    laneY,
    nodes,
    bars,
    nowX,
  }
}

/** The event that ended a token: the refresh that superseded it, or the last one that named it. */
function endIndex(events: LifecycleEventView[], token: TokenRecordView, start: number): number {
  if (token.status === 'current') return -1
  if (token.status === 'superseded' && token.supersededBy !== undefined) {
    const successor = token.supersededBy
    return events.findIndex((e, i) => i > start && e.tokenIds.includes(successor))
  }
  let found = -1
  events.forEach((e, i) => {
    if (i > start && e.tokenIds.includes(token.id) && (token.statusAt === undefined || e.at <= token.statusAt)) found = i
  })
  return found
}

/** "0.4 s", "12 s", "5 min", "3 h", "2 d". */
export function shortSpan(ms: number): string {
  if (ms < 9_950) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.round(s / 60)} min`
  if (s < 86_400) return `${Math.round(s / 3600)} h`
  return `${Math.round(s / 86_400)} d`
}
