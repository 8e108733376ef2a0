// What the runner runs for the post step (the bundler builds this file).
import { run } from '../post.js'

// Exit once run() is done (idle sockets must not hold the step), and at once when post overran its
// budget after being stopped (src/post-stop.ts): failing late is better than being killed silently.
void run({ exit: (code) => process.exit(code) }).finally(() => process.exit())
