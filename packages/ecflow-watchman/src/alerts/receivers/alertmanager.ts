/**
 * Prometheus Alertmanager, through its v2 API (`POST /api/v2/alerts`, an array of alerts). A
 * firing alert carries an `endsAt` a few resend intervals ahead and is sent again every resend
 * interval while it fires, as Prometheus does: an Alertmanager that stops hearing of it (the
 * watchman gone) resolves it by itself. A resolved alert is sent with `endsAt` the time it ended.
 */
import { postJson } from '../notification.js';
import type { Delivery, Receiver } from '../outbox.js';
import type { AlertmanagerReceiver } from '../rules.js';

/** How many resend intervals a firing alert is good for (Prometheus' rule manager uses 4). */
const ENDS_AFTER_RESENDS = 4;

/** One alert as `POST /api/v2/alerts` takes it (postableAlert in Alertmanager's openapi). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

export class Alertmanager implements Receiver {
  readonly config: AlertmanagerReceiver;
  readonly batch = true;
  readonly #resendIntervalMs: number;
  constructor(config: AlertmanagerReceiver, resendIntervalMs: number) {
    this.config = config;
    this.#resendIntervalMs = resendIntervalMs;
  }
  async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const alerts: PostableAlert[] = delivery.notifications.map((n) => ({
      labels: n.alert.labels,
      annotations: n.alert.annotations,
      startsAt: n.alert.startsAt,
      endsAt: n.endsAt ?? new Date(now + ENDS_AFTER_RESENDS * this.#resendIntervalMs).toISOString(),
    }));
    await postJson(`${this.config.url.replace(/\/+$/, '')}/api/v2/alerts`, JSON.stringify(alerts), {}, this.config.timeoutMs, signal);
  }
}
