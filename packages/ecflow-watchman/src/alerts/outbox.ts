/**
 * One receiver's queue of notifications, delivered in order in the background with retries and
 * backoff: nothing that waits on a receiver (a dead endpoint, a slow one) is ever awaited by a
 * scrape or an evaluation. A receiver that takes a batch (Alertmanager) is sent everything queued
 * at once, the latest notification of each alert only.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ReceiverConfig } from './rules.js';
import { DeliveryError, type Notification } from './notification.js';

/** A queued item: one notification, or for batch receivers everything queued. */
export interface Delivery {
  /** The same on every attempt, so a receiver can drop a repeat. */
  id: string;
  notifications: Notification[];
  attempt: number;
}

export interface Receiver {
  readonly config: ReceiverConfig;
  /** Takes many notifications per request. */
  readonly batch: boolean;
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
}

/** Notifications queued beyond this are dropped, oldest first (a receiver down for long). */
const MAX_QUEUED = 10_000;
/** The longest wait between two attempts, in multiples of the receiver's backoff. */
const MAX_BACKOFF_FACTOR = 30;

export type DeliveryResult = 'ok' | 'retried' | 'failed' | 'dropped';

export class Outbox {
  readonly receiver: Receiver;
  readonly #logger: Logger;
  readonly #onResult: (result: DeliveryResult, n: number) => void;
  #queue: Notification[] = [];
  #running: Promise<void> | null = null;
  readonly #stop = new AbortController();

  constructor(receiver: Receiver, logger: Logger, onResult: (result: DeliveryResult, n: number) => void = () => {}) {
    this.receiver = receiver;
    this.#logger = logger;
    this.#onResult = onResult;
  }

  /** Notifications waiting (a delivery under way not counted). */
  get queued(): number {
    return this.#queue.length;
  }

  push(n: Notification): void {
    if (this.#stop.signal.aborted) return;
    if (this.receiver.batch) {
      // The latest word on an alert replaces what is queued about it.
      this.#queue = this.#queue.filter((q) => q.alert.id !== n.alert.id);
    }
    this.#queue.push(n);
    const excess = this.#queue.length - MAX_QUEUED;
    if (excess > 0) {
      this.#queue.splice(0, excess);
      this.#onResult('dropped', excess);
      this.#logger.warn({ receiver: this.receiver.config.name, dropped: excess }, 'alerts: queue full, oldest notifications dropped');
    }
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
  }

  /** Waits until the queue is empty or `ms` have passed; then stops for good. */
  async close(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#running ?? Promise.resolve(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    this.#stop.abort();
    await this.#running;
    if (this.#queue.length > 0) this.#logger.warn({ receiver: this.receiver.config.name, undelivered: this.#queue.length }, 'alerts: stopping with notifications undelivered');
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    const { config } = this.receiver;
    while (this.#queue.length > 0 && !signal.aborted) {
      let notifications = this.receiver.batch ? this.#queue.splice(0) : this.#queue.splice(0, 1);
      const delivery: Delivery = { id: randomUUID(), notifications, attempt: 0 };
      for (;;) {
        delivery.attempt++;
        try {
          await this.receiver.send(delivery, signal);
          this.#onResult('ok', notifications.length);
          break;
        } catch (error) {
          const retryable = error instanceof DeliveryError ? error.retryable : true;
          const log = { receiver: config.name, attempt: delivery.attempt, alerts: notifications.map((n) => `${n.status} ${n.alert.id}`), err: error };
          if (signal.aborted) {
            // Back in front, for the log line of close().
            this.#queue.unshift(...notifications);
            return;
          }
          if (!retryable || delivery.attempt >= config.maxAttempts) {
            this.#onResult('failed', notifications.length);
            this.#logger.error(log, `alerts: delivery to ${config.name} failed${retryable ? ` after ${delivery.attempt} attempts` : ''}; given up`);
            break;
          }
          this.#onResult('retried', notifications.length);
          this.#logger.warn(log, `alerts: delivery to ${config.name} failed; retrying`);
          try {
            await sleep(Math.min(config.backoffMs * 2 ** (delivery.attempt - 1), config.backoffMs * MAX_BACKOFF_FACTOR), undefined, { signal });
          } catch {
            this.#queue.unshift(...notifications);
            return;
          }
          // A batch takes what came in meanwhile (the latest word on each alert).
          if (this.receiver.batch && this.#queue.length > 0) {
            const newer = new Set(this.#queue.map((q) => q.alert.id));
            notifications = [...notifications.filter((n) => !newer.has(n.alert.id)), ...this.#queue.splice(0)];
            delivery.notifications = notifications;
          }
        }
      }
    }
  }
}
