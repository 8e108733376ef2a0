// The sinks registry's config: each channel configured by its own inputs, secrets masked as read,
// bad values refused naming the input; views always present; alerts filtered per outcome.
import { afterEach, describe, expect, it } from 'vitest'
import { InputReader, type InputSource } from '../../src/inputs.js'
import { readSinksConfig, SINK_INPUTS } from '../../src/sinks/index.js'
import { clearSecrets, redact } from '../../src/secrets.js'
import { Inputs } from '../../src/constants.js'
import { discordRetryAfter } from '../../src/sinks/discord.js'
import { record } from '../helpers/run-record.js'

afterEach(() => clearSecrets())

function read(inputs: Record<string, string>) {
  const masked: string[] = []
  const source: InputSource = { getInput: (n) => inputs[n] ?? '', setSecret: (v) => void masked.push(v) }
  return { config: readSinksConfig(new InputReader(source)), masked }
}

describe('readSinksConfig', () => {
  it('has the views only when no channel is configured, and notify-on by default', () => {
    const { config } = read({})
    expect(config.configured.map((s) => s.id)).toEqual(['report', 'outputs', 'summary'])
    expect([...config.notifyOn]).toEqual(['rolled-back', 'rollback-failed'])
  })

  it('configures each channel from its inputs and masks every URL and key', () => {
    const secrets = {
      [Inputs.SlackWebhookUrl]: 'https://hooks.slack.test/services/T/B/slacksecret',
      [Inputs.DiscordWebhookUrl]: 'https://discord.test/api/webhooks/1/discordsecret',
      [Inputs.TeamsWebhookUrl]: 'https://teams.test/workflows/teamssecret',
      [Inputs.WebhookUrl]: 'https://hooks.example.test/in/hooksecret',
      [Inputs.WebhookSecret]: 'signingsecret',
      [Inputs.PagerdutyRoutingKey]: 'R0UTINGKEYunit',
    }
    const { config, masked } = read({ ...secrets, [Inputs.IncidentIssue]: 'true', [Inputs.PageOn]: 'rollback,rollback-failed' })
    expect(config.configured.map((s) => s.id)).toEqual(['report', 'outputs', 'summary', 'slack', 'discord', 'teams', 'webhook', 'pagerduty', 'incident'])
    for (const v of Object.values(secrets)) {
      expect(masked).toContain(v)
      expect(redact(`x ${v} y`)).toBe('x *** y')
    }
    const pd = config.configured.find((s) => s.id === 'pagerduty')!.settings as { url: string; pageOn: Set<string> }
    expect(pd.url).toBe('https://events.pagerduty.com/v2/enqueue')
    expect([...pd.pageOn]).toEqual(['rolled-back', 'rollback-failed'])
    // The public default endpoint is not a secret; incident labels are not either.
    expect(masked).not.toContain('https://events.pagerduty.com/v2/enqueue')
    expect(config.configured.find((s) => s.id === 'incident')!.settings).toEqual({ labels: ['incident', 'rollback'] })
  })

  it.each([
    [Inputs.DiscordWebhookUrl, { [Inputs.DiscordWebhookUrl]: 'discord.test/hook' }, /not a URL/],
    [Inputs.DiscordMention, { [Inputs.DiscordMention]: 'everyone' }, /@here, @everyone/],
    [Inputs.WebhookSecret, { [Inputs.WebhookSecret]: 'k' }, /set `webhook-url` too/],
    [Inputs.PageOn, { [Inputs.PagerdutyRoutingKey]: 'k', [Inputs.PageOn]: 'always' }, /not an outcome/],
    [Inputs.IncidentIssue, { [Inputs.IncidentIssue]: 'yes' }, /not a boolean/],
    [Inputs.NotifyOn, { [Inputs.NotifyOn]: 'sometimes' }, /not an outcome/],
  ])('refuses a bad %s, naming it', (name, inputs, why) => {
    expect(() => read(inputs)).toThrow(new RegExp(`Invalid input '${name}'.*${why.source}`))
  })

  it('never echoes a bad secret URL', () => {
    expect(() => read({ [Inputs.TeamsWebhookUrl]: 'teams.test/workflows/SECRETPART' })).toThrow(/^(?!.*SECRETPART)/s)
  })

  it('alerts per outcome: chat channels by notify-on, PagerDuty by page-on and healthy runs, the incident by its rules', () => {
    const { config } = read({
      [Inputs.SlackWebhookUrl]: 'https://hooks.slack.test/x',
      [Inputs.PagerdutyRoutingKey]: 'k',
      [Inputs.IncidentIssue]: 'true',
    })
    const wanted = (o: Parameters<typeof record>[0]) => config.configured.filter((s) => s.kind === 'alert' && s.wants(record(o), config)).map((s) => s.id)
    expect(wanted({ status: 'rolled-back' })).toEqual(['slack', 'pagerduty', 'incident'])
    expect(wanted({ status: 'rollback-failed' })).toEqual(['slack', 'pagerduty', 'incident'])
    expect(wanted({ status: 'deployed', mode: 'deploy' })).toEqual(['pagerduty', 'incident'])
    expect(wanted({ status: 'failed' })).toEqual([])
    expect(wanted({ status: 'planned', dryRun: true })).toEqual([])
  })

  it('lists every sink input once', () => {
    expect(new Set(SINK_INPUTS).size).toBe(SINK_INPUTS.length)
    expect(SINK_INPUTS).toContain(Inputs.IncidentLabels)
  })
})

describe("Discord's retry_after", () => {
  it('reads seconds with a fraction from a 429 body, and nothing from anything else', () => {
    expect(discordRetryAfter('{"message":"You are being rate limited.","retry_after":1.5,"global":false}')).toBe(1500)
    expect(discordRetryAfter('rate limited')).toBeUndefined()
    expect(discordRetryAfter('{"retry_after":"soon"}')).toBeUndefined()
  })
})
