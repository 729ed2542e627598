import { describe, expect, it } from 'vitest'
import type { LifecycleEventView, TokenRecordView } from '../../../shared/domain/token-lifecycle'
import { GEOMETRY, layoutTimeline, shortSpan } from '../../../renderer/src/composables/timeline-layout'

const token = (id: string, kind: TokenRecordView['kind'], status: TokenRecordView['status'], extra: Partial<TokenRecordView> = {}): TokenRecordView => ({
  id, kind, status, generation: Number(id.split('-')[1]), masked: 'x…y', format: 'opaque', length: 40, issuedAt: 0, ...extra,
})
const event = (kind: LifecycleEventView['kind'], at: number, tokenIds: string[]): LifecycleEventView => ({ id: `${kind}-${at}`, kind, at, ok: true, label: kind, tokenIds })

describe('timeline layout', () => {
  it('places events in order at equal steps and runs each token from its event to its end or to now', () => {
    const layout = layoutTimeline({
      events: [
        event('revoked', 10_801_500, ['refresh-2']),
        event('issued', 0, ['access-1', 'refresh-1']),
        event('refreshed', 1_500, ['refresh-1', 'access-2', 'refresh-2']),
      ],
      tokens: [
        token('access-1', 'access_token', 'superseded', { supersededBy: 'access-2' }),
        token('refresh-1', 'refresh_token', 'superseded', { supersededBy: 'refresh-2' }),
        token('access-2', 'access_token', 'current'),
        token('refresh-2', 'refresh_token', 'revoked', { statusAt: 10_801_500 }),
      ],
    })
    expect(layout.nodes.map((n) => [n.event.kind, n.x, n.gap])).toEqual([
      ['issued', GEOMETRY.left, undefined],
      ['refreshed', GEOMETRY.left + GEOMETRY.spacing, '+1.5 s'],
      ['revoked', GEOMETRY.left + 2 * GEOMETRY.spacing, '+3 h'],
    ])
    const bar = (id: string) => layout.bars.find((b) => b.token.id === id)!
    expect([bar('access-1').x1, bar('access-1').x2]).toEqual([layout.nodes[0]!.x, layout.nodes[1]!.x])
    expect([bar('refresh-2').x1, bar('refresh-2').x2, bar('refresh-2').open]).toEqual([layout.nodes[1]!.x, layout.nodes[2]!.x, false])
    expect([bar('access-2').x2, bar('access-2').open]).toEqual([layout.nowX, true])
    expect(layout.nowX).toBeGreaterThan(layout.nodes[2]!.x)
  })

  it('writes short gaps', () => {
    expect([shortSpan(400), shortSpan(12_000), shortSpan(5 * 60_000), shortSpan(2 * 86_400_000)]).toEqual(['0.4 s', '12 s', '5 min', '2 d'])
  })
})
