/** `aviso` attributes (libs/node/src/ecflow/node/AvisoAttr.cpp, formatter/AvisoFormatter.hpp; ecFlow 5.13+). */
import { ArgumentError } from '../../errors.js';
import { isValidName } from '../text.js';

/** The optional parts of an {@link AvisoAttr}, each with ecFlow's default. */
export interface AvisoOptions {
  /** The Aviso server (`--url`). @default '%ECF_AVISO_URL%' */
  url?: string;
  /** The Aviso schema file (`--schema`). @default '%ECF_AVISO_SCHEMA%' */
  schema?: string;
  /** Seconds between polls (`--polling`). @default '%ECF_AVISO_POLLING%' */
  polling?: string;
  /** The last notification revision seen (`--revision`). @default 0 */
  revision?: number;
  /** The authentication file (`--auth`). @default '%ECF_AVISO_AUTH%' */
  auth?: string;
  /** Why the attribute last failed (`--reason`), kept in single quotes. @default "''" */
  reason?: string;
}

/** `ecf::implementation::ensure_single_quotes`: wraps a value in single quotes unless it already is. */
function singleQuoted(s: string): string {
  return s.length > 0 && s.charCodeAt(0) === 39 && s.charCodeAt(s.length - 1) === 39 ? s : "'" + s + "'";
}

/**
 * `aviso --name N --listener '<json>' [--url U] [--schema S] [--polling P] --revision R [--auth A]
 * [--reason R]`: the node is queued until an Aviso notification matching the listener arrives.
 * The listener and the reason are held in single quotes, as ecFlow holds them.
 */
export class AvisoAttr {
  /** `%ECF_AVISO_URL%`: the default `url`, not printed. */
  static readonly DEFAULT_URL = '%ECF_AVISO_URL%';
  /** `%ECF_AVISO_SCHEMA%`: the default `schema`, not printed. */
  static readonly DEFAULT_SCHEMA = '%ECF_AVISO_SCHEMA%';
  /** `%ECF_AVISO_POLLING%`: the default `polling`, not printed. */
  static readonly DEFAULT_POLLING = '%ECF_AVISO_POLLING%';
  /** `%ECF_AVISO_AUTH%`: the default `auth`, not printed. */
  static readonly DEFAULT_AUTH = '%ECF_AVISO_AUTH%';

  /** The attribute name, unique on its node. */
  name: string;
  /** The listener configuration (JSON), in single quotes. */
  listener: string;
  /** The Aviso server; may hold `%VAR%` references. @default '%ECF_AVISO_URL%' */
  url: string;
  /** The Aviso schema; may hold `%VAR%` references. @default '%ECF_AVISO_SCHEMA%' */
  schema: string;
  /** Seconds between polls; may hold `%VAR%` references. @default '%ECF_AVISO_POLLING%' */
  polling: string;
  /** The revision of the last notification seen (state that travels in the definition). @default 0 */
  revision: number;
  /** The authentication file; may hold `%VAR%` references. @default '%ECF_AVISO_AUTH%' */
  auth: string;
  /** Why the attribute last failed, in single quotes; `''` when it has not. @default "''" */
  reason: string;

  /**
   * An aviso attribute; the listener and reason are put in single quotes unless they are. Throws an
   * `ArgumentError` for an invalid name, as `AvisoAttr::AvisoAttr` does.
   */
  constructor(name: string, listener: string, options: AvisoOptions = {}) {
    if (!isValidName(name)) throw new ArgumentError('Invalid AvisoAttr name :' + name);
    this.name = name;
    this.listener = singleQuoted(listener);
    this.url = options.url ?? AvisoAttr.DEFAULT_URL;
    this.schema = options.schema ?? AvisoAttr.DEFAULT_SCHEMA;
    this.polling = options.polling ?? AvisoAttr.DEFAULT_POLLING;
    this.revision = options.revision ?? 0;
    this.auth = options.auth ?? AvisoAttr.DEFAULT_AUTH;
    this.reason = singleQuoted(options.reason ?? '');
  }

  /** The `aviso …` line, as ecFlow writes it (defaults left out, `--revision` always written). */
  toString(): string {
    let s = 'aviso --name ' + this.name + ' --listener ' + this.listener;
    if (this.url.length > 0 && this.url !== AvisoAttr.DEFAULT_URL) s += ' --url ' + this.url;
    if (this.schema.length > 0 && this.schema !== AvisoAttr.DEFAULT_SCHEMA) s += ' --schema ' + this.schema;
    if (this.polling.length > 0 && this.polling !== AvisoAttr.DEFAULT_POLLING) s += ' --polling ' + this.polling;
    s += ' --revision ' + this.revision;
    if (this.auth.length > 0 && this.auth !== AvisoAttr.DEFAULT_AUTH) s += ' --auth ' + this.auth;
    if (this.reason.length > 0) s += ' --reason ' + this.reason;
    return s;
  }
}
