/**
 * The config's `alerts` section: receivers, rules and two intervals, each problem reported with
 * its field path (`alerts.rules[1].send_to[0]`) and all at once, as the rest of the config is.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { parseDuration } from '../duration.js';
import { isTimeZone, parseTimeOfDay } from './clock.js';
import { compileGlob, type PathGlob } from './glob.js';
import { ALERT_DEFAULTS, ALERT_KINDS, type AlertRule, type AlertsConfig, DEADLINE_STATES, type Deadline, NODE_KINDS, type ReceiverConfig, STRATEGIES } from './rules.js';

const expected = (message: string) => ({ error: (i: { input?: unknown }) => (i.input === undefined ? 'missing' : message) });

const duration = () =>
  z.union([z.string(), z.number()], expected('expected a duration such as 30s')).transform((v, ctx) => {
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)}: expected a positive duration such as 30s, 1m or 500ms` });
      return z.NEVER;
    }
    return ms;
  });

const name = () =>
  z
    .union([z.string(), z.number()], expected('expected a name'))
    .transform(String)
    .refine((s) => s.trim() !== '', { message: 'must not be empty' });

const httpUrl = z.string(expected('expected an http:// or https:// URL')).refine(
  (v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'expected an http:// or https:// URL' },
);

const delivery = {
  url: httpUrl,
  timeout: duration().optional(),
  max_attempts: z.number(expected('expected a whole number')).int('expected a whole number').min(1, 'at least 1').optional(),
  backoff: duration().optional(),
};

const receiverSchema = z.object({
  name: name(),
  webhook: z.object({ ...delivery, secret_file: z.string(expected('expected a file name')).optional() }, expected('expected a mapping with url')).optional(),
  alertmanager: z.object(delivery, expected('expected a mapping with url')).optional(),
});

const deadlineObject = z.object({
  path: z.string(expected('expected a node path')).refine((p) => p.startsWith('/'), { message: 'expected an absolute node path (/suite/family/task)' }),
  // Checked in deadlineOf, as the text form is.
  state: z.string(expected(`expected one of ${DEADLINE_STATES.join(', ')}`)).optional(),
  by: z.string(expected('expected a time of day, HH:MM')),
  zone: z.string(expected('expected a time zone such as Asia/Shanghai or UTC')).optional(),
});

const ruleSchema = z.object({
  name: name(),
  when: z.enum(ALERT_KINDS, expected(`expected one of ${ALERT_KINDS.join(', ')}`)),
  paths: z.array(z.string(), expected('expected a list of node path globs')).min(1, 'an empty list would match nothing; leave paths out for every node').optional(),
  servers: z.array(z.string(), expected('expected a list of owner/repo globs')).min(1, 'an empty list would match nothing; leave servers out for every server').optional(),
  strategy: z.enum(STRATEGIES, expected(`expected one of ${STRATEGIES.join(', ')}`)).optional(),
  send_to: z.array(z.string(), expected('expected a list of receiver names')).min(1, 'an alert must go somewhere'),
  deadline: z.union([z.string(), deadlineObject], expected('expected "PATH STATE by HH:MM ZONE" or a mapping with path, state, by, zone')).optional(),
  stale_after: duration().optional(),
  labels: z.record(z.string(), z.union([z.string(), z.number()]).transform(String), expected('expected a mapping of label names to values')).optional(),
});

// Each field on its own, so that a bad interval does not hide the rules' problems.
const sectionFields = {
  evaluate_interval: duration().optional(),
  resend_interval: duration().optional(),
  receivers: z.array(z.unknown(), expected('expected a list of receivers')).optional(),
  rules: z.array(z.unknown(), expected('expected a list of rules')).optional(),
};

const KNOWN = {
  section: Object.keys(sectionFields),
  receiver: Object.keys(receiverSchema.shape),
  rule: Object.keys(ruleSchema.shape),
};

/** Label names as Prometheus allows them; ours (alertname, owner, repo, path, kind, occurrence) are not to be overridden. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const OWN_LABELS = ['alertname', 'owner', 'repo', 'path', 'kind', 'occurrence'];

/** `/oper/main/forecast complete by 06:30 Asia/Shanghai` (state and zone optional: complete, UTC). */
const DEADLINE_TEXT = /^(\/\S*)(?:\s+(\S+))?\s+by\s+(\S+)(?:\s+(\S+))?$/;

/** A problem at a field path (the config's ConfigIssue; not imported, as config.ts imports this file). */
interface ConfigIssue {
  path: string;
  message: string;
}

export interface AlertsSection {
  config: AlertsConfig | null;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
}

/** Checks the `alerts` section (absent: no alerts); relative `secret_file`s are read relative to `baseDir`. */
export function checkAlerts(raw: unknown, baseDir: string | undefined): AlertsSection {
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  if (raw === undefined || raw === null) return { config: null, issues, warnings };
  const parse = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const i of r.error.issues) issues.push({ path: where + fieldPath(i.path), message: issueMessage(i) });
    return undefined;
  };
  const unknownKeys = (value: unknown, known: readonly string[], where: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const k of Object.keys(value)) if (!known.includes(k)) warnings.push({ path: `${where}.${k}`, message: 'unknown key (ignored)' });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    issues.push({ path: 'alerts', message: 'expected a mapping with receivers and rules' });
    return { config: null, issues, warnings };
  }
  unknownKeys(raw, KNOWN.section, 'alerts');
  const r0 = raw as Record<string, unknown>;
  const section = {
    evaluate_interval: parse(sectionFields.evaluate_interval, r0.evaluate_interval, 'alerts.evaluate_interval'),
    resend_interval: parse(sectionFields.resend_interval, r0.resend_interval, 'alerts.resend_interval'),
    receivers: parse(sectionFields.receivers, r0.receivers, 'alerts.receivers'),
    rules: parse(sectionFields.rules, r0.rules, 'alerts.rules'),
  };

  const receivers: ReceiverConfig[] = [];
  const receiverAt = new Map<string, number>();
  (section.receivers ?? []).forEach((value, i) => {
    const where = `alerts.receivers[${i}]`;
    unknownKeys(value, KNOWN.receiver, where);
    // A receiver with a bad field still has its name: rules sending to it are not wrong too.
    const named = (value as { name?: unknown } | null)?.name;
    if ((typeof named === 'string' || typeof named === 'number') && !receiverAt.has(String(named))) receiverAt.set(String(named), i);
    const r = parse(receiverSchema, value, where);
    if (r === undefined) return;
    const first = receiverAt.get(r.name);
    if (first !== undefined && first !== i) issues.push({ path: `${where}.name`, message: `${r.name} is also alerts.receivers[${first}]` });
    if ((r.webhook === undefined) === (r.alertmanager === undefined)) {
      issues.push({ path: where, message: 'give one of webhook or alertmanager' });
      return;
    }
    const d = (r.webhook ?? r.alertmanager)!;
    const common = {
      name: r.name,
      url: d.url,
      timeoutMs: d.timeout ?? parseDuration(ALERT_DEFAULTS.timeout)!,
      maxAttempts: d.max_attempts ?? ALERT_DEFAULTS.maxAttempts,
      backoffMs: d.backoff ?? parseDuration(ALERT_DEFAULTS.backoff)!,
    };
    if (r.alertmanager !== undefined) {
      receivers.push({ type: 'alertmanager', ...common });
      return;
    }
    const receiver: ReceiverConfig = { type: 'webhook', ...common };
    const secretFile = r.webhook!.secret_file;
    if (secretFile !== undefined) {
      const f = secretFile.startsWith('/') || baseDir === undefined ? secretFile : `${baseDir}/${secretFile}`;
      try {
        receiver.secret = fs.readFileSync(f, 'utf8').split('\n')[0]!.trim();
        if (receiver.secret === '') issues.push({ path: `${where}.webhook.secret_file`, message: `${f} is empty` });
      } catch (e) {
        issues.push({ path: `${where}.webhook.secret_file`, message: `cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      }
    }
    receivers.push(receiver);
  });

  const rules: AlertRule[] = [];
  const ruleAt = new Map<string, number>();
  (section.rules ?? []).forEach((value, i) => {
    const where = `alerts.rules[${i}]`;
    unknownKeys(value, KNOWN.rule, where);
    const r = parse(ruleSchema, value, where);
    if (r === undefined) return;
    const first = ruleAt.get(r.name);
    if (first !== undefined) issues.push({ path: `${where}.name`, message: `${r.name} is also alerts.rules[${first}]: a rule's name is its alerts' name` });
    else ruleAt.set(r.name, i);
    r.send_to.forEach((to, j) => {
      if (!receiverAt.has(to)) issues.push({ path: `${where}.send_to[${j}]`, message: `no receiver named ${JSON.stringify(to)} in alerts.receivers` });
    });
    const nodeKind = NODE_KINDS.includes(r.when);
    const globs = (list: string[] | undefined, field: string): PathGlob[] | null => {
      if (list === undefined) return null;
      return list.flatMap((g, j) => {
        const c = compileGlob(g);
        if ('error' in c) {
          issues.push({ path: `${where}.${field}[${j}]`, message: c.error });
          return [];
        }
        if (field === 'paths' && !g.startsWith('/')) issues.push({ path: `${where}.paths[${j}]`, message: `${JSON.stringify(g)}: node paths start with /` });
        return [c];
      });
    };
    if (r.paths !== undefined && (!nodeKind || r.when === 'deadline')) {
      issues.push({ path: `${where}.paths`, message: r.when === 'deadline' ? 'a deadline names its node in deadline.path' : `${r.when} is about a server, not nodes` });
    }
    if (r.strategy !== undefined && r.when !== 'aborted') issues.push({ path: `${where}.strategy`, message: `strategies are for when: aborted, not ${r.when}` });
    if (r.stale_after !== undefined && r.when !== 'stale') issues.push({ path: `${where}.stale_after`, message: `stale_after is for when: stale, not ${r.when}` });
    if ((r.deadline !== undefined) !== (r.when === 'deadline')) {
      issues.push({ path: `${where}.deadline`, message: r.when === 'deadline' ? 'missing (when: deadline needs one)' : `deadline is for when: deadline, not ${r.when}` });
    }
    const labels: Record<string, string> = { severity: ALERT_DEFAULTS.severity };
    for (const [k, v] of Object.entries(r.labels ?? {})) {
      if (!LABEL_NAME.test(k)) issues.push({ path: `${where}.labels.${k}`, message: 'a label name is letters, digits and _, not starting with a digit' });
      else if (OWN_LABELS.includes(k)) issues.push({ path: `${where}.labels.${k}`, message: `${k} is set by the watchman (${OWN_LABELS.join(', ')})` });
      else labels[k] = v;
    }
    const rule: AlertRule = {
      name: r.name,
      when: r.when,
      paths: globs(r.paths, 'paths'),
      servers: globs(r.servers, 'servers'),
      strategy: r.strategy ?? 'always',
      sendTo: r.send_to,
      staleAfterMs: r.stale_after ?? parseDuration(ALERT_DEFAULTS.staleAfter)!,
      labels,
    };
    if (r.when === 'deadline' && r.deadline !== undefined) {
      const d = deadlineOf(r.deadline, `${where}.deadline`, issues);
      if (d !== undefined) rule.deadline = d;
    }
    rules.push(rule);
  });
  if (rules.length === 0) warnings.push({ path: 'alerts.rules', message: 'no rules: nothing will be told' });
  return {
    config: {
      receivers,
      rules,
      evaluateIntervalMs: section.evaluate_interval ?? parseDuration(ALERT_DEFAULTS.evaluateInterval)!,
      resendIntervalMs: section.resend_interval ?? parseDuration(ALERT_DEFAULTS.resendInterval)!,
    },
    issues,
    warnings,
  };
}

function deadlineOf(value: string | z.output<typeof deadlineObject>, where: string, issues: ConfigIssue[]): Deadline | undefined {
  let fields: { path: string; state?: string | undefined; by: string; zone?: string | undefined };
  if (typeof value === 'string') {
    const m = DEADLINE_TEXT.exec(value.trim());
    if (m === null) {
      issues.push({ path: where, message: `${JSON.stringify(value)}: expected "PATH STATE by HH:MM ZONE", e.g. "/oper/main/forecast complete by 06:30 Asia/Shanghai"` });
      return undefined;
    }
    fields = { path: m[1]!, state: m[2], by: m[3]!, zone: m[4] };
  } else fields = value;
  const state = fields.state ?? 'complete';
  const zone = fields.zone ?? 'UTC';
  const minuteOfDay = parseTimeOfDay(fields.by);
  let ok = true;
  if (!(DEADLINE_STATES as readonly string[]).includes(state)) {
    issues.push({ path: typeof value === 'string' ? where : `${where}.state`, message: `${JSON.stringify(state)}: expected one of ${DEADLINE_STATES.join(', ')}` });
    ok = false;
  }
  if (minuteOfDay === undefined) {
    issues.push({ path: typeof value === 'string' ? where : `${where}.by`, message: `${JSON.stringify(fields.by)}: expected a time of day, HH:MM (24 h)` });
    ok = false;
  }
  if (!isTimeZone(zone)) {
    issues.push({ path: typeof value === 'string' ? where : `${where}.zone`, message: `${JSON.stringify(zone)}: not a time zone (an IANA name such as Asia/Shanghai, Europe/London, UTC)` });
    ok = false;
  }
  return ok ? { path: fields.path, state: state as Deadline['state'], minuteOfDay: minuteOfDay!, zone } : undefined;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'missing';
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === 'Invalid input') return issue.errors[0]?.[0]?.message ?? issue.message;
  return issue.message;
}
