import type { StandardScenario } from '../scenario'

/**
 * The tester checks itself: a step that throws must end as an `internal.error` diagnosis with
 * a copyable report (no stack trace, no secret), and the lab must go on with the next scenario.
 * The error message carries the attempt's PKCE verifier on purpose: the report must scrub it.
 */
export const TESTER_SCENARIOS: readonly StandardScenario[] = [
  {
    id: 'tester-internal-error',
    title: 'A step of the tester throws',
    fault: 'Makes one step of the lab’s own client throw mid-flow, with a secret in its message.',
    group: 'tester',
    step: 'token',
    targets: ['embedded-sandbox'],
    needsLogin: false,
    expected: { code: 'internal.error', cause: 'internal.bug', evidence: ['report'] },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      throw new TypeError(`Self-check: the exchange step failed on purpose while holding verifier ${attempt.pkce.verifier}`)
    },
  },
]
