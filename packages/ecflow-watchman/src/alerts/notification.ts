/** What is told to a receiver: an alert that started to hold (`firing`) or stopped (`resolved`). */
import type { Occurrence } from './occurrence.js';

export interface Notification {
  status: 'firing' | 'resolved';
  alert: Occurrence;
  /** ISO 8601, set when resolved. */
  endsAt?: string;
}

/** A failed delivery; `retryable` when another attempt may succeed (no answer, 5xx, 429). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.retryable = retryable;
  }
}

/** One POST of JSON within `timeoutMs`; a {@link DeliveryError} unless the answer is 2xx. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    throw new DeliveryError(`POST ${url}: ${why}`, !signal.aborted, { cause: error });
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  throw new DeliveryError(`POST ${url}: HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status >= 500 || res.status === 429 || res.status === 408);
}
