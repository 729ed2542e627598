import { randomToken } from '../../../oauth/random'
import type { Region } from '../../../../shared/domain/profile'
import type { EnvironmentName } from '../environments'

/**
 * One browser's walk through the hosted pages, between "open the URL" and "redirect to the
 * app". Its id rides in a hidden form field rather than a cookie: both environments listen on
 * 127.0.0.1, and cookies do not tell ports apart.
 */
export interface HostedFlow {
  id: string
  environment: EnvironmentName
  region: Region
  sessionToken: string
  sessionId: string
  stage: 'login' | 'otp' | 'consent' | 'done'
  email?: string
  userId?: string
}

const MAX_FLOWS = 1000

export class HostedFlows {
  private readonly flows = new Map<string, HostedFlow>()

  create(flow: Omit<HostedFlow, 'id' | 'stage'>): HostedFlow {
    const created: HostedFlow = { ...flow, id: randomToken(18), stage: 'login' }
    this.flows.set(created.id, created)
    // A local test server: the oldest walks are simply forgotten.
    if (this.flows.size > MAX_FLOWS) this.flows.delete(this.flows.keys().next().value!)
    return created
  }

  get(id: string | null | undefined): HostedFlow | undefined {
    return id ? this.flows.get(id) : undefined
  }
}
