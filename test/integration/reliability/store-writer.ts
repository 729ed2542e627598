/**
 * The child process of store-kill.test.ts: writes profiles, vault secrets and run-history
 * records through the real storage (conf files, atomic writes, last-good copies) as fast as it
 * can, until it is killed. Step i saves profile `p-i`, then the secret of `p-i`, then run
 * `run-i` (in that order), and only then appends `i` to the acknowledgement file: an index in
 * that file is a step whose three writes had all returned.
 *
 * Usage: node store-writer.js <data dir> <ack file>. It resumes after the last step the run
 * history holds (the last of the three documents written), rewriting any step that was cut.
 */
import { openSync, writeSync } from 'node:fs'
import { systemClock } from '../../../main/clock'
import { RunHistory } from '../../../main/history/run-history'
import { fileStorage, openStorage } from '../../../main/profiles/storage/open-storage'
import { makeRecord } from '../../support/run-records'
import { profileOf, secretOf } from './store-steps'

const [dir, ackFile] = process.argv.slice(2)
if (!dir || !ackFile) {
  console.error('usage: store-writer <data dir> <ack file>')
  process.exit(2)
}

const options = fileStorage(dir, systemClock)
const storage = openStorage(options, systemClock)
const history = RunHistory.open({ backend: options.backend, clock: systemClock, notices: storage.notices, limit: 1_000_000 })
const ack = openSync(ackFile, 'a')

for (let i = history.all().length; ; i++) {
  storage.profiles.save(profileOf(i))
  storage.vault.set(`p-${i}`, 'clientSecret', secretOf(i))
  history.record(makeRecord({ id: `run-${i}`, createdAt: i }))
  history.flush()
  writeSync(ack, `${i}\n`)
}
