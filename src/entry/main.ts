// What the runner runs for the main step (the bundler builds this file).
import { run } from '../main.js'

// Exit once run() is done: an idle keep-alive socket (Slack, GitHub API) must not hold the step open.
void run().finally(() => process.exit())
