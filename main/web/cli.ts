import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import envPaths from 'env-paths'
import { systemClock } from '../clock'
import { fileStorage } from '../profiles/storage/open-storage'
import { randomToken } from '../oauth/random'
import { createService, type Service } from '../service'
import { parseWebArgs, WEB_HELP } from './args'
import { deliverToRunningHost } from './deliver'
import { removeRuntimeFile, runtimeFilePath, writeRuntimeFile } from './runtime-file'
import { openInSystemBrowser } from './system-browser'
import { startWebHost, type WebHost } from './server'
import { APP_VERSION } from '../version'

/** Entry of the web host: `npm run start:web` (see --help). */
async function main(): Promise<void> {
  const parsed = parseWebArgs(process.argv.slice(2), process.env)
  if (!parsed.ok) {
    console.error(parsed.message)
    process.exit(2)
  }
  const { args } = parsed
  if (args.help) {
    console.log(WEB_HELP)
    return
  }
  if (args.deliver !== undefined) {
    const outcome = await deliverToRunningHost(args.deliver, runtimeFilePath())
    ;(outcome.exitCode === 0 ? console.log : console.error)(outcome.message)
    process.exit(outcome.exitCode)
  }
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
  const bridgeFile = fileURLToPath(new URL('../bridge/bridge.js', import.meta.url))
  if (!existsSync(rendererDir) || !existsSync(bridgeFile)) {
    console.error('The renderer is not built. Run `npm run build` first (npm run start:web does it for you).')
    process.exit(1)
  }

  // The web host keeps its own folder: the desktop app seals secrets with the OS keychain,
  // which this host cannot open.
  const dataDir = resolve(args.dataDir ?? envPaths('oauth-flow-tester', { suffix: '' }).config)
  let host: WebHost | undefined
  let service: Service
  try {
    service = createService({
      storage: fileStorage(dataDir, systemClock),
      host: 'web',
      version: APP_VERSION,
      versions: { node: process.versions.node },
      async openBrowser(url) {
        if (!host?.openInPage(url)) throw new Error('no page of the web host is open to show it')
      },
    })
  } catch (error) {
    console.error(`Profiles cannot be kept in ${dataDir}: ${(error as Error).message}. Choose another folder with --data-dir.`)
    process.exit(1)
  }
  // The page shows these too (getStorageStatus); stderr keeps --json output clean.
  for (const notice of service.storage.notices) console.error(`[storage] ${notice.message}`)
  const token = randomToken(32)
  const deliverToken = randomToken(32)
  try {
    host = await startWebHost({ service, port: args.port, token, deliverToken, rendererDir, bridgeFile })
  } catch (error) {
    const err = error as NodeJS.ErrnoException
    console.error(err.code === 'EADDRINUSE' ? `Port ${args.port} is in use; pick another with --port, or 0 for any free port.` : err.message)
    process.exit(1)
  }

  // Where `web.js --deliver <url>` finds this host (see runtime-file.ts).
  const runtimeFile = runtimeFilePath()
  let published = false
  try {
    writeRuntimeFile(runtimeFile, { port: host.port, deliverToken, pid: process.pid })
    published = true
  } catch (error) {
    console.error(`Deep links cannot be delivered to this host (${(error as Error).message}); paste and loopback still work.`)
  }
  const unpublish = (): void => {
    if (published) removeRuntimeFile(runtimeFile, deliverToken)
    published = false
  }
  process.on('exit', unpublish)

  if (args.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, token, port: host.port })}\n`)
  } else {
    console.log(`OAuth Flow Tester (web host) is running on 127.0.0.1:${host.port}.`)
    console.log(`Profiles and the secret vault: ${dataDir}`)
    console.log(`Open this URL in your browser (it carries this launch's access token):\n\n  ${host.url}\n`)
    console.log('Press Ctrl+C to stop.')
  }
  if (args.open) await openInSystemBrowser(host.url).catch((e: Error) => console.error(`Could not open the browser: ${e.message}`))

  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    unpublish()
    await Promise.race([Promise.all([service.close(), host?.close()]), new Promise((r) => setTimeout(r, 3000))])
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

void main()
