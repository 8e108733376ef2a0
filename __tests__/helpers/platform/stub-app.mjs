// The app a stand-in platform runs: answers /health as the version it was started with, healthy or
// not as STUB_BEHAVIOURS says (v1.0.0=ok,v1.1.0=fail).
import { createServer } from 'node:http'

const version = process.argv[2]
const behaviours = Object.fromEntries((process.env.STUB_BEHAVIOURS ?? '').split(',').map((kv) => kv.split('=')))
const ok = behaviours[version] !== 'fail'
const server = createServer((_req, res) => {
  res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ status: ok ? 'ok' : 'error', version }))
})
const listen = (tries) => {
  server.once('error', (err) => (err.code === 'EADDRINUSE' && tries > 0 ? setTimeout(() => listen(tries - 1), 50) : process.exit(1)))
  server.listen(Number(process.env.APP_PORT), '127.0.0.1')
}
listen(100)
