/** `mirror` attributes (libs/node/src/ecflow/node/MirrorAttr.cpp, formatter/MirrorFormatter.hpp; ecFlow 5.13+). */
import { ArgumentError } from '../../errors.js';
import { isValidName } from '../text.js';

/** The optional parts of a {@link MirrorAttr}, each with ecFlow's default. */
export interface MirrorOptions {
  /** The remote server's host (`--remote_host`). @default '%ECF_MIRROR_REMOTE_HOST%' */
  remoteHost?: string;
  /** The remote server's port (`--remote_port`). @default '%ECF_MIRROR_REMOTE_PORT%' */
  remotePort?: string;
  /** Seconds between polls (`--polling`). @default '%ECF_MIRROR_REMOTE_POLLING%' */
  polling?: string;
  /** Talk to the remote server over TLS (`--ssl`). @default false */
  ssl?: boolean;
  /** The authentication file (`--remote_auth`). @default '%ECF_MIRROR_REMOTE_AUTH%' */
  remoteAuth?: string;
  /** Why the attribute last failed (`--reason`). @default '' */
  reason?: string;
}

/**
 * `mirror --name N --remote_path P [--remote_host H] [--remote_port P] [--polling S] [--ssl]
 * [--remote_auth A] [--reason R]`: the node copies the state of a node on another server.
 */
export class MirrorAttr {
  /** `%ECF_MIRROR_REMOTE_HOST%`: the default `remoteHost`, not printed. */
  static readonly DEFAULT_REMOTE_HOST = '%ECF_MIRROR_REMOTE_HOST%';
  /** `%ECF_MIRROR_REMOTE_PORT%`: the default `remotePort`, not printed. */
  static readonly DEFAULT_REMOTE_PORT = '%ECF_MIRROR_REMOTE_PORT%';
  /** `%ECF_MIRROR_REMOTE_POLLING%`: the default `polling`, not printed. */
  static readonly DEFAULT_POLLING = '%ECF_MIRROR_REMOTE_POLLING%';
  /** `%ECF_MIRROR_REMOTE_AUTH%`: the default `remoteAuth`, not printed. */
  static readonly DEFAULT_REMOTE_AUTH = '%ECF_MIRROR_REMOTE_AUTH%';

  /** The attribute name, unique on its node. */
  name: string;
  /** The path of the mirrored node on the remote server. */
  remotePath: string;
  /** The remote server's host; may hold `%VAR%` references. @default '%ECF_MIRROR_REMOTE_HOST%' */
  remoteHost: string;
  /** The remote server's port; may hold `%VAR%` references. @default '%ECF_MIRROR_REMOTE_PORT%' */
  remotePort: string;
  /** Seconds between polls; may hold `%VAR%` references. @default '%ECF_MIRROR_REMOTE_POLLING%' */
  polling: string;
  /** Whether the remote server is reached over TLS. @default false */
  ssl: boolean;
  /** The authentication file; may hold `%VAR%` references. @default '%ECF_MIRROR_REMOTE_AUTH%' */
  remoteAuth: string;
  /** Why the attribute last failed, as the server wrote it; `''` when it has not. @default '' */
  reason: string;

  /** A mirror attribute; throws an `ArgumentError` for an invalid name, as `MirrorAttr::MirrorAttr` does. */
  constructor(name: string, remotePath: string, options: MirrorOptions = {}) {
    if (!isValidName(name)) throw new ArgumentError('Invalid MirrorAttr name :' + name);
    this.name = name;
    this.remotePath = remotePath;
    this.remoteHost = options.remoteHost ?? MirrorAttr.DEFAULT_REMOTE_HOST;
    this.remotePort = options.remotePort ?? MirrorAttr.DEFAULT_REMOTE_PORT;
    this.polling = options.polling ?? MirrorAttr.DEFAULT_POLLING;
    this.ssl = options.ssl ?? false;
    this.remoteAuth = options.remoteAuth ?? MirrorAttr.DEFAULT_REMOTE_AUTH;
    this.reason = options.reason ?? '';
  }

  /** The `mirror …` line, as ecFlow writes it (defaults left out). */
  toString(): string {
    let s = 'mirror --name ' + this.name + ' --remote_path ' + this.remotePath;
    if (this.remoteHost.length > 0 && this.remoteHost !== MirrorAttr.DEFAULT_REMOTE_HOST) s += ' --remote_host ' + this.remoteHost;
    if (this.remotePort.length > 0 && this.remotePort !== MirrorAttr.DEFAULT_REMOTE_PORT) s += ' --remote_port ' + this.remotePort;
    if (this.polling.length > 0 && this.polling !== MirrorAttr.DEFAULT_POLLING) s += ' --polling ' + this.polling;
    if (this.ssl) s += ' --ssl';
    if (this.remoteAuth.length > 0 && this.remoteAuth !== MirrorAttr.DEFAULT_REMOTE_AUTH) s += ' --remote_auth ' + this.remoteAuth;
    if (this.reason.length > 0) s += ' --reason ' + this.reason;
    return s;
  }
}
