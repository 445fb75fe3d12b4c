/**
 * The generic webhook: one POST per notification, its JSON body documented in the README
 * ("Webhook body"), signed with HMAC-SHA256 of the body when a secret is configured
 * (`X-Ecflow-Watchman-Signature: sha256=<hex>`), the delivery id in `X-Ecflow-Watchman-Delivery`
 * (the same on every attempt).
 */
import { createHmac } from 'node:crypto';
import { VERSION } from '../../version.js';
import { type Notification, postJson } from '../notification.js';
import type { Delivery, Receiver } from '../outbox.js';
import type { WebhookReceiver } from '../rules.js';

/** The webhook's JSON body. */
export interface WebhookBody {
  /** The body's format; changes that are not additions change it. */
  version: 1;
  status: Notification['status'];
  receiver: string;
  alert: Notification['alert'] & { endsAt: string | null };
}

export const SIGNATURE_HEADER = 'x-ecflow-watchman-signature';
export const DELIVERY_HEADER = 'x-ecflow-watchman-delivery';

/** `sha256=<hex>` of `body` with `secret`, as the signature header carries it. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookBody(receiver: string, n: Notification): string {
  const body: WebhookBody = { version: 1, status: n.status, receiver, alert: { ...n.alert, endsAt: n.endsAt ?? null } };
  return JSON.stringify(body);
}

export class Webhook implements Receiver {
  readonly config: WebhookReceiver;
  readonly batch = false;
  constructor(config: WebhookReceiver) {
    this.config = config;
  }
  async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const body = webhookBody(this.config.name, delivery.notifications[0]!);
    const headers: Record<string, string> = { [DELIVERY_HEADER]: delivery.id, 'user-agent': `ecflow-watchman/${VERSION}` };
    if (this.config.secret !== undefined) headers[SIGNATURE_HEADER] = signature(this.config.secret, body);
    await postJson(this.config.url, body, headers, this.config.timeoutMs, signal);
  }
}
