import { openLoopback } from '../capture/loopback'
import { planWayBack } from '../capture/way-back'
import { buildDiagnosis } from '../diagnose/build'
import type { FlowContext } from './flow-context'
import { note, type Run } from './run'

/**
 * Readies the run's way back before the browser leaves: a loopback listener whose address is
 * the redirect URI, or the fixed URI of the chosen way. Returns false when the run failed.
 */
export async function prepareWayBack(run: Run, ctx: FlowContext, stepKind: string): Promise<boolean> {
  const now = (): number => ctx.clock.now()
  const plan = planWayBack(run.captureMethod, run.profile)
  if (plan.kind === 'missing') {
    return ctx.fail(run, buildDiagnosis({ code: 'profile.incomplete', summary: plan.reason, stepKind }, now()))
  }
  if (plan.kind === 'listen') {
    try {
      const listener = await openLoopback({
        port: plan.port,
        path: plan.path,
        onRedirect: (url) => ctx.deliverForVerdict({ url, method: 'loopback', runId: run.id }),
      })
      run.disposers.push(() => listener.close())
      run.redirectUri = listener.redirectUri
    } catch (error) {
      return ctx.fail(
        run,
        buildDiagnosis({ code: 'capture.failed', summary: `Port ${plan.port} on 127.0.0.1 could not be opened: ${(error as Error).message}`, stepKind }, now()),
      )
    }
    return true
  }
  run.redirectUri = plan.redirectUri
  if (plan.warning !== undefined) note(run, now(), 'warning', plan.warning)
  return true
}
