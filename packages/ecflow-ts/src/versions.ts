/**
 * What differs between ecFlow 5 releases for a client, as named facts, each with the release that
 * brought it (../shared/ecflow-5.10-to-5.17.md gives the source of each). Code that prints or
 * decodes something a release changed asks `since(version, fact)`; it never compares version
 * numbers itself.
 */

/** The releases the project is tested against (Debian's, and the ones built in ../shared/ecflow). */
export const TESTED_VERSIONS = ['5.9.2', '5.13.8', '5.17.0'] as const;

/** The release assumed when nothing says otherwise (what Debian ships). */
export const DEFAULT_VERSION = '5.9.2';

/** Each fact and the first release it holds for. */
export const VERSION_FACTS = {
  /** `--stats_server` labels the request rates "Request/s per 1,5,15,30,60 min" (5.9: "Request's"). */
  requestRateLabel: '5.10.0',
  /**
   * Invalid names are reported as "Valid names can only consist of alphanumeric characters, underscores
   * and dots (The first character cannot be a dot). …" (Str::valid_name; 5.9: "… characters ,underscores …").
   */
  validNameWording: '5.10.0',
  /** `repeat datetime` text and `yyyymmddTHHMMSS` literals in trigger/complete expressions. */
  repeatDateTime: '5.12.0',
  /** AlterCmd names an added time `time` in its request text (5.9-5.11: `time;`). */
  alterAddTimeWord: '5.12.0',
  /** Time stamps (`[HH:MM:SS DD.MM.YYYY] `) pad the day and month to two digits (5.9: `1.12.2026`). */
  paddedTimestamps: '5.12.0',
  /** ecflow_client's `--label` usage error reads "Please specify: <label-name> <label-value>". */
  labelUsageWording: '5.12.0',
  /**
   * ecflow_client parses with boost's default style: a token `-x` that is not the first value of
   * an option is an unknown short option (before, any token not starting with `--` was a value).
   */
  shortOptions: '5.12.0',
  /**
   * `--debug` turns on the client's debug output (the environment is shown as it is turned on) and
   * is no command by itself (before, `--debug` alone printed the environment and exited 0).
   */
  debugOption: '5.12.0',
  /**
   * ecflow_client's help (Help.cpp, new in 5.12) sets its generic options (`--add --debug --host
   * --password --port --rid --ssl --user`, later `--http --https`) apart from the commands: `--help`
   * ends with a "Generic Options:" grid of its own, `--help=option` summarises them, the command
   * grids and summaries leave them out, and `--help=<option>` prints no environment. Each grid and
   * summary is as wide as the names it shows, the kind column is 8 wide (`child   `, `user    `,
   * `option  `) and a grid ends with a blank line (before: the width of the longest name of all,
   * `child  `/`user   `, no blank line).
   */
  helpGenericOptions: '5.12.0',
  /**
   * ClientOptionsParser: `--alter`, `--label`, `--meter` and `--abort` read their own values,
   * whatever they look like (`--label NAME -j64`); a label takes its name and one value.
   */
  optionValueParsers: '5.13.0',
  /**
   * ecflow_client sends `--password` with user commands, as crypt(password, custom user), the
   * custom user being `--user` or ECF_USER, or '' (crypt's failure token, never accepted) for
   * the login user; before, it was accepted and not used.
   */
  passwordOption: '5.13.0',
  /**
   * ecflow_client frames an argument error with `argc=N, argv=[prog, "arg", …]` (5.9:
   * `args: prog arg … `).
   */
  argcArgvFraming: '5.13.0',
  /**
   * `aviso` and `mirror` attributes (node JSON `avisos_`/`mirrors_`), the `remote_error` flag
   * (bit 25), `NodeAvisoMemento`/`NodeMirrorMemento`, and AlterCmd's aviso/mirror values
   * (add 11/12, delete 20/21, change 18/19).
   */
  avisoMirror: '5.13.0',
  /**
   * A compound memento that re-sends a node's attributes whole (`clear_attributes_`) ends with the
   * node's `FlagMemento`; older servers leave the flag change out, so a client fetches the flag.
   */
  clearedAttributesFlag: '5.13.0',
  /** `RepeatDateTime` travels in JSON (cereal-registered). */
  repeatDateTimeJson: '5.13.6',
  /**
   * ecflow_client reads ECF_SSL while parsing its arguments (ClientOptions::parse), so a missing
   * certificate is an argument error (before, it was read with the rest of the environment).
   */
  sslFromOptions: '5.13.6',
  /** `alter change aviso|mirror NAME reload` restarts the attribute's polling. */
  alterReload: '5.13.6',
  /** `alter add event` and `alter add meter`. */
  alterAddEventMeter: '5.14.0',
  /** The HTTP transport (`ecflow_server --http`, `ecflow_client --http/--https`). */
  http: '5.14.0',
  /**
   * The default `ECF_PASSWD` / `ECF_CUSTOM_PASSWD` server variables are `<host>.<port>.ECF_PASSWD` /
   * `.ECF_CUSTOM_PASSWD` (Host.cpp passes the variable's name; before, `.ecf.passwd` / `.ecf.custom_passwd`).
   */
  passwordFileNamedAfterVariable: '5.14.0',
  /** ecflow_client prints the STATE, NET and MIGRATE styles without indentation. */
  unindentedStateStyles: '5.14.1',
  /**
   * STATE's expression trees come from formatter/DefsWriter.hpp: `# Trigger Evaluation Tree` at the
   * level of the expression's lines and each tree node one level below its parent (before, AstTop's
   * own nesting); only seen when indentation is asked for.
   */
  stateAstNesting: '5.14.1',
  /** cereal sends every chrono duration in nanoseconds (before: `RepeatDateTime.delta_` in seconds). */
  nanosecondDurations: '5.15.0',
  /** `AvisoAttr` carries a tenth member, `active_` (the listener after substitution). */
  avisoActive: '5.15.0',
  /**
   * A failed aviso's reason is held in single quotes. Before, the server wrote it bare in its own
   * text (`--reason EtcdClient: Unable to …`), which reads back as its first word only; the JSON of
   * the mementos has it whole.
   */
  quotedAvisoReason: '5.15.0',
  /**
   * HTTPS authentication: ecflow_client `--https`/`--http` sends `Authorization` from the token file
   * (`.ecflowapirc`), and ecflow_server `--http` takes a proxy's `X-Auth-Username` with it as an
   * authenticated user (ClientInvoker.cpp's cfg(), HttpServer.cpp).
   */
  httpsAuthentication: '5.15.0',
  /** `ECF_HOSTFILE_POLICY` (`task` or `all`): ecflow_client shows it in its environment dump. */
  hostFilePolicy: '5.15.0',
  /**
   * `--help=<command>` lists the environment variables as `  NAME <type> [required]` lines, each with
   * its description below, `ECF_HOSTFILE` and `ECF_HOSTFILE_POLICY` among the ones every command
   * reads (Help.cpp, commit e6920662e; before, two tables, `ECF_HOSTFILE` in the child commands' one).
   */
  helpEnvironmentList: '5.15.0',
  /**
   * `--version` (Version::description) names the OpenSSL release it was built with, `openssl(3.0.19)`
   * (before, `openssl(enabled)`).
   */
  opensslVersion: '5.16.0',
  /** ecflow_client words a missing TLS certificate "Error: Unable to find the self-signed certificate …". */
  sslCertificateWording: '5.16.0',
  /** The authentication and authorisation layer with its own error texts, per-path permissions. */
  authorisationLayer: '5.15.0',
  /**
   * `Stats` at cereal class version 1, with the server's process meter; `--stats_server` shows it
   * in sections ("Server Statistics", "Server Resources", "User Commands (…)").
   */
  statsResources: '5.16.0',
  /** Repeat-generated `_MM`, `_DD`, `_HOURS`… variables are zero-padded, `_YYYY` four digits. */
  zeroPaddedRepeatVariables: '5.16.0',
  /**
   * AlterCmd's argument messages are rebuilt with MESSAGE(): a few spaces move ("<path_to_suite> but
   * found" for clock_gain, "<path_to_node>  but found" for meter, "but found N" for limit_max, a space
   * before clock_date's argument dump).
   */
  alterMessageSpacing: '5.16.0',
  /** `alter add inlimit … "-s N"` / `"-n N"`. */
  inlimitOptions: '5.16.0',
  /**
   * An `extern` may name a node of a suite that is loaded: the check no longer reports "Extern path …
   * does not exist on suite …" (NodeFind.cpp, commit fef0dc4c5).
   */
  externsIntoLoadedSuites: '5.16.0',
  /** TLS servers accept TLS 1.3 only. */
  tls13Only: '5.16.0',
  /** `repeat datetimelist`. */
  repeatDateTimeList: '5.17.0',
  /**
   * `--alter add inlimit` takes its first three values whatever they look like (the name may be
   * `/path:limit`); before, a value starting with `/` was the first path.
   */
  alterInlimitPathName: '5.17.0',
  /** Quoted variable values are kept verbatim; text after an unquoted value must be a comment. */
  losslessVariables: '5.17.0',
  /** Invalid names are reported as "Invalid name 'x-y': only alphanumeric characters, underscore or dot are accepted". */
  nameErrorWording: '5.17.0',
} as const;

/** The name of one fact in {@link VERSION_FACTS}. */
export type VersionFact = keyof typeof VERSION_FACTS;

/** Which version facts hold for a release: every rule that differs between releases asks this table. */
export type Facts = Readonly<Record<VersionFact, boolean>>;

const factsCache = new Map<string, Facts>();
/** The facts of a release (computed once per version string). */
export function factsOf(version: string): Facts {
  let f = factsCache.get(version);
  if (f === undefined) {
    const out = {} as Record<VersionFact, boolean>;
    for (const k of Object.keys(VERSION_FACTS) as VersionFact[]) out[k] = since(version, k);
    f = Object.freeze(out);
    if (factsCache.size < 64) factsCache.set(version, f);
  }
  return f;
}

/** `-1`, `0` or `1` as release `a` is older than, the same as, or newer than `b` (`5.9.2 < 5.13.8`). */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

/** Whether `fact` holds for release `version`. */
export function since(version: string, fact: VersionFact): boolean {
  return compareVersions(version, VERSION_FACTS[fact]) >= 0;
}

/** The release in a `#5.17.0` header line or a `5.17.0` version string; `undefined` if it is none. */
export function versionOf(text: string): string | undefined {
  const m = /^#?(\d+\.\d+\.\d+)/.exec(text);
  return m?.[1];
}

function parts(version: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (m === null) return [0, 0, 0];
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
