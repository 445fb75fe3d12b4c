/**
 * The options of ecflow_client that are no command (Client/src/ClientOptions.cpp): help, version,
 * debug and the globals that say where and as whom a command goes.
 *
 * @module
 */
import { lines, type OptionDecl } from '../commands/option.js';

/** ClientOptions' own options, by name, in the order ecflow_client adds them after the commands. */
export const CLIENT_OPTIONS = {
  help: {
    value: 'optional',
    short: 'h',
    description: lines('Show help: an overview, a summary, or the details of one command'),
  },
  version: {
    value: 'none',
    short: 'v',
    description: lines('Print the version of this client and of the libraries it was built with'),
  },
  debug: {
    generic: true,
    value: 'none',
    // A switch from 5.12, when it stopped being a command of its own.
    boolSwitch: 'debugOption',
    short: 'd',
    description: lines(
      'Print the settings the client derived from its environment, to diagnose problems',
      'Setting the environment variable ECF_DEBUG_CLIENT gives more detail',
    ),
  },
  rid: {
    generic: true,
    value: 'optional',
    description: lines('rid: remote id for child commands, taking precedence over ECF_RID; only valid with child commands'),
  },
  port: {
    generic: true,
    value: 'optional',
    description: lines('port: server port, taking precedence over ECF_PORT and over the default, 3141'),
  },
  host: {
    generic: true,
    value: 'optional',
    description: lines('host: server host, taking precedence over ECF_HOST and over the default, localhost'),
  },
  user: {
    generic: true,
    value: 'optional',
    description: lines('user: the user name presented to the server; needs a password as well'),
  },
  password: {
    generic: true,
    value: 'optional',
    description: lines('password: the password presented to the server'),
  },
  ssl: {
    generic: true,
    value: 'none',
    description: lines('ssl: talk to the server over SSL/TLS, whatever ECF_SSL says'),
  },
  http: {
    generic: true,
    value: 'none',
    boolSwitch: true,
    since: 'http',
    description: lines(
      'http: send requests over HTTP (POST /v1/ecflow), to a server started with --http, taking precedence over ECF_HOST_PROTOCOL',
      'SSL (--ssl or ECF_SSL) still takes precedence over it',
    ),
  },
  https: {
    generic: true,
    value: 'none',
    boolSwitch: true,
    since: 'http',
    description: lines(
      'https: send requests over HTTPS, to a reverse proxy in front of a server started with --http; the certificate is not verified',
      'A bearer or basic token for the server comes from ECF_AUTHTOKENS, else $HOME/.ecflowapirc, else ./.ecflowapirc',
    ),
  },
} as const satisfies Readonly<Record<string, OptionDecl>>;
