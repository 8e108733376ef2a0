// A stand-in for GitHub's Deployments and Issues APIs on 127.0.0.1. Every request is checked against GitHub's
// official OpenAPI description (@octokit/openapi): a request the real API would reject is recorded
// in `invalid` and answered 422, so tests that expect `invalid` to be empty fail on it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
interface Schema {
  $ref?: string
  type?: string
  enum?: unknown[]
  required?: string[]
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  items?: Schema
  oneOf?: Schema[]
  anyOf?: Schema[]
  allOf?: Schema[]
  nullable?: boolean
}
interface Parameter {
  $ref?: string
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Schema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> }
}
interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> }
}

let spec: Spec | undefined
function loadSpec(): Spec {
  const require = createRequire(import.meta.url)
  spec ??= JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Spec
  return spec
}

function deref<T extends { $ref?: string }>(s: T): T {
  if (!s.$ref) return s
  const [, , kind, name] = s.$ref.split('/') as [string, string, 'schemas' | 'parameters', string]
  return deref(loadSpec().components[kind][name] as unknown as T)
}

/** JSON Schema, as much of it as GitHub's request bodies use. Returns why the value does not fit. */
export function schemaErrors(schema: Schema, value: unknown, at = 'body'): string[] {
  const s = deref(schema)
  if (s.oneOf || s.anyOf) {
    const branches = s.oneOf ?? s.anyOf ?? []
    return branches.some((b) => schemaErrors(b, value, at).length === 0) ? [] : [`${at} matches none of the allowed forms`]
  }
  if (s.allOf) return s.allOf.flatMap((b) => schemaErrors(b, value, at))
  if (value === null) return s.nullable ? [] : [`${at} must not be null`]
  if (s.enum && !s.enum.includes(value)) return [`${at} must be one of ${s.enum.join(', ')} (got ${JSON.stringify(value)})`]
  const type = s.type
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value
  if (type && !(type === actual || (type === 'number' && actual === 'integer'))) return [`${at} must be ${type} (got ${actual})`]
  const errors: string[] = []
  if (type === 'object' || s.properties) {
    const obj = value as Record<string, unknown>
    for (const r of s.required ?? []) if (!(r in obj)) errors.push(`${at}.${r} is required`)
    for (const [k, v] of Object.entries(obj)) {
      const prop = s.properties?.[k]
      if (prop) errors.push(...schemaErrors(prop, v, `${at}.${k}`))
      else if (s.additionalProperties === false) errors.push(`${at}.${k} is not a known property`)
    }
  }
  if (type === 'array' && s.items) (value as unknown[]).forEach((v, i) => errors.push(...schemaErrors(s.items!, v, `${at}[${i}]`)))
  return errors
}

/** Why the real API would reject this request (empty when it would accept it). */
export function requestErrors(method: string, url: URL, body: unknown): string[] {
  const paths = loadSpec().paths
  const template = Object.keys(paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.pathname))
  if (!template) return [`no such path in the API: ${url.pathname}`]
  const op = paths[template][method.toLowerCase()]
  if (!op) return [`${method} is not allowed on ${template}`]
  const errors: string[] = []
  const params = (op.parameters ?? []).map(deref)
  const pathValues = url.pathname.split('/')
  template.split('/').forEach((part, i) => {
    const name = part.match(/^\{(.+)\}$/)?.[1]
    const p = name && params.find((x) => x.in === 'path' && x.name === name)
    if (p && p.schema && deref(p.schema).type === 'integer' && !/^\d+$/.test(pathValues[i])) errors.push(`path ${name} must be an integer`)
  })
  for (const [k, v] of url.searchParams) {
    const p = params.find((x) => x.in === 'query' && x.name === k)
    if (!p) errors.push(`query parameter ${k} is not accepted`)
    else if (p.schema && deref(p.schema).type === 'integer' && !/^\d+$/.test(v)) errors.push(`query ${k} must be an integer`)
  }
  for (const p of params) if (p.in === 'query' && p.required && !url.searchParams.has(p.name)) errors.push(`query ${p.name} is required`)
  const content = op.requestBody?.content['application/json']
  if (content) {
    if (body === undefined) {
      if (op.requestBody?.required) errors.push('a JSON body is required')
    } else errors.push(...schemaErrors(content.schema, body))
  } else if (body !== undefined && method !== 'GET') errors.push('this operation takes no body')
  // Documented limit the schema states only in prose.
  const description = (body as { description?: unknown } | undefined)?.description
  if (template.endsWith('/statuses') && method === 'POST' && typeof description === 'string' && description.length > 140)
    errors.push('body.description is over 140 characters')
  return errors
}

export interface FakeDeployment {
  id: number
  ref: string
  environment: string
  payload: Json
  description: string | null
  created_at: string
  statuses: Array<{ id: number; state: string; description: string; log_url: string; environment_url: string; created_at: string }>
}

export interface FakeIssue {
  number: number
  title: string
  body: string
  labels: string[]
  state: 'open' | 'closed'
  state_reason: string | null
  comments: string[]
}

export interface FailRule {
  status: number
  body?: Json
  headers?: Record<string, string>
  method?: string
  path?: RegExp
}

export interface FakeGitHub {
  url: string
  owner: string
  repo: string
  requests: Array<{ method: string; path: string; body?: unknown }>
  invalid: Array<{ method: string; path: string; why: string[] }>
  deployments: FakeDeployment[]
  /** Issues, in the order they were opened (numbers from 1). */
  issues: FakeIssue[]
  /** Workflow runs by id, as GET /actions/runs/{id} shows them; an id not here answers 404. */
  runs: Map<string, { status: 'queued' | 'in_progress' | 'completed'; conclusion?: string }>
  /** Every later request matching the rule is answered with it (undefined clears). */
  fail(rule: FailRule | undefined): void
  /** A deployment as if an earlier run made it; states oldest first. */
  seed(d: { ref: string; environment?: string; version?: string; runId?: string; rolledBackFrom?: string; states: string[] }): FakeDeployment
  latest(id: number): string | undefined
  close(): Promise<void>
}

export async function startFakeGitHub(o: { owner?: string; repo?: string } = {}): Promise<FakeGitHub> {
  loadSpec()
  const owner = o.owner ?? 'acme'
  const repo = o.repo ?? 'web'
  let nextId = 1000
  let clock = Date.parse('2026-11-01T00:00:00Z')
  const now = () => new Date((clock += 1000)).toISOString()
  let failure: FailRule | undefined
  const base = `/repos/${owner}/${repo}`

  const fake: FakeGitHub = {
    url: '',
    owner,
    repo,
    requests: [],
    invalid: [],
    deployments: [],
    issues: [],
    runs: new Map(),
    fail: (rule) => {
      failure = rule
    },
    seed: (d) => {
      const dep: FakeDeployment = {
        id: ++nextId,
        ref: d.ref,
        environment: d.environment ?? 'production',
        payload: d.version
          ? {
              'rollback-action': {
                version: d.version,
                phase: d.rolledBackFrom ? 'rollback' : 'deploy',
                run_id: d.runId ?? 'seed',
                ...(d.rolledBackFrom ? { rolled_back_from: d.rolledBackFrom } : {}),
              },
            }
          : {},
        description: null,
        created_at: now(),
        statuses: [],
      }
      for (const state of d.states) dep.statuses.unshift({ id: ++nextId, state, description: '', log_url: '', environment_url: '', created_at: now() })
      fake.deployments.push(dep)
      return dep
    },
    latest: (id) => fake.deployments.find((d) => d.id === id)?.statuses[0]?.state,
    close: () => new Promise((r) => server.close(() => r())),
  }

  const show = (d: FakeDeployment) => ({
    id: d.id,
    node_id: `DE_${d.id}`,
    url: `${fake.url}${base}/deployments/${d.id}`,
    sha: 'a'.repeat(40),
    ref: d.ref,
    task: 'deploy',
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    created_at: d.created_at,
    updated_at: d.statuses[0]?.created_at ?? d.created_at,
    statuses_url: `${fake.url}${base}/deployments/${d.id}/statuses`,
    repository_url: `${fake.url}${base}`,
    transient_environment: false,
    production_environment: d.environment === 'production',
  })

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', fake.url)
    const method = req.method ?? 'GET'
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = raw
    }
    fake.requests.push({ method, path: `${url.pathname}${url.search}`, body })
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', ...headers })
      res.end(JSON.stringify(data))
    }
    if (failure && (!failure.method || failure.method === method) && (!failure.path || failure.path.test(url.pathname))) {
      return send(failure.status, failure.body ?? { message: 'Server Error' }, failure.headers)
    }
    const why = requestErrors(method, url, body)
    if (why.length) {
      fake.invalid.push({ method, path: url.pathname, why })
      return send(422, { message: 'Validation Failed', errors: why })
    }

    const run = url.pathname.match(new RegExp(`^${base}/actions/runs/(\\d+)$`))
    if (run) {
      const r = fake.runs.get(run[1])
      if (!r) return send(404, { message: 'Not Found' })
      return send(200, {
        id: Number(run[1]),
        name: 'deploy',
        status: r.status,
        conclusion: r.conclusion ?? null,
        html_url: `https://github.com/${owner}/${repo}/actions/runs/${run[1]}`,
      })
    }
    if (url.pathname.startsWith(`${base}/issues`)) return handleIssues(method, url, body, send)
    const m = url.pathname.match(new RegExp(`^${base}/deployments(?:/(\\d+)(/statuses)?)?$`))
    if (!m) return send(404, { message: 'Not Found' })
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const paged = <T>(items: T[]) => {
      const slice = items.slice((page - 1) * perPage, page * perPage)
      const headers: Record<string, string> = {}
      if (page * perPage < items.length) {
        const next = new URL(url)
        next.searchParams.set('page', String(page + 1))
        headers.link = `<${next}>; rel="next"`
      }
      return [slice, headers] as const
    }

    if (!m[1]) {
      if (method === 'POST') {
        const b = body as { ref: string; environment?: string; payload?: Json; description?: string }
        const d: FakeDeployment = {
          id: ++nextId,
          ref: b.ref,
          environment: b.environment ?? 'production',
          payload: b.payload ?? {},
          description: b.description ?? null,
          created_at: now(),
          statuses: [],
        }
        fake.deployments.push(d)
        return send(201, show(d))
      }
      const env = url.searchParams.get('environment')
      const list = fake.deployments.filter((d) => !env || d.environment === env).sort((a, b) => b.id - a.id)
      const [slice, headers] = paged(list)
      return send(200, slice.map(show), headers)
    }
    const d = fake.deployments.find((x) => x.id === Number(m[1]))
    if (!d) return send(404, { message: 'Not Found' })
    if (!m[2]) return send(200, show(d))
    if (method === 'POST') {
      const b = body as { state: string; description?: string; log_url?: string; environment_url?: string }
      const s = {
        id: ++nextId,
        state: b.state,
        description: b.description ?? '',
        log_url: b.log_url ?? '',
        environment_url: b.environment_url ?? '',
        created_at: now(),
      }
      d.statuses.unshift(s)
      return send(201, {
        ...s,
        url: `${fake.url}${base}/deployments/${d.id}/statuses/${s.id}`,
        deployment_url: `${fake.url}${base}/deployments/${d.id}`,
        environment: d.environment,
        target_url: s.log_url,
        creator: { login: 'github-actions[bot]' },
      })
    }
    const [slice, headers] = paged(d.statuses)
    return send(
      200,
      slice.map((s) => ({ ...s, environment: d.environment, target_url: s.log_url })),
      headers,
    )
  }

  const showIssue = (i: FakeIssue) => ({
    id: 5000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name, k) => ({ id: k + 1, name, color: 'ededed' })),
    comments: i.comments.length,
    url: `${fake.url}${base}/issues/${i.number}`,
    html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    user: { login: 'github-actions[bot]' },
  })

  /** List (state, labels: all must match, paged), create, comment, update state. */
  const handleIssues = (method: string, url: URL, body: unknown, send: (status: number, data: unknown) => void): void => {
    const m = url.pathname.match(new RegExp(`^${base}/issues(?:/(\\d+)(/comments)?)?$`))
    if (!m) return send(404, { message: 'Not Found' })
    if (!m[1]) {
      if (method === 'POST') {
        const b = body as { title: string; body?: string; labels?: string[] }
        const issue: FakeIssue = {
          number: fake.issues.length + 1,
          title: b.title,
          body: b.body ?? '',
          labels: b.labels ?? [],
          state: 'open',
          state_reason: null,
          comments: [],
        }
        fake.issues.push(issue)
        return send(201, showIssue(issue))
      }
      const state = url.searchParams.get('state') ?? 'open'
      const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean)
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const list = fake.issues
        .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number)
      return send(200, list.slice((page - 1) * perPage, page * perPage).map(showIssue))
    }
    const issue = fake.issues.find((i) => i.number === Number(m[1]))
    if (!issue) return send(404, { message: 'Not Found' })
    if (m[2] && method === 'POST') {
      issue.comments.push((body as { body: string }).body)
      return send(201, {
        id: 9000 + issue.comments.length,
        body: (body as { body: string }).body,
        html_url: `${showIssue(issue).html_url}#issuecomment-${9000 + issue.comments.length}`,
      })
    }
    if (!m[2] && method === 'PATCH') {
      const b = body as { state?: 'open' | 'closed'; state_reason?: string }
      if (b.state) issue.state = b.state
      if (b.state_reason !== undefined) issue.state_reason = b.state_reason
      return send(200, showIssue(issue))
    }
    return send(200, showIssue(issue))
  }

  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => handle(req, res, raw))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return fake
}
