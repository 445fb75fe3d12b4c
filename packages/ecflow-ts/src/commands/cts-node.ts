import { versionOf } from '../versions.js';
import type { PrintStyleName } from '../defs/print.js';
import { printServerDefs } from '../defs/externs.js';
import { type Command, ok, Timeout } from './command.js';
import { serverVersionCmd } from './server-version.js';
import { type Action, type ArgvReader, type CliContext, type CommandModule, lines } from './option.js';
import { groupCmd } from './group.js';

/** CtsNodeCmd::Api: commands about one node, or the whole definition when the path is empty. */
export const CtsNodeApi = { NO_CMD: 0, JOB_GEN: 1, CHECK_JOB_GEN_ONLY: 2, GET: 3, WHY: 4, GET_STATE: 5, MIGRATE: 6 } as const;
export type CtsNodeApi = (typeof CtsNodeApi)[keyof typeof CtsNodeApi];

/** How ecflow_client spells each api (CtsApi.cpp): `--job_gen`, `--job_gen=/path`, … */
const option: Record<CtsNodeApi, string> = {
  [CtsNodeApi.NO_CMD]: '',
  [CtsNodeApi.JOB_GEN]: '--job_gen',
  [CtsNodeApi.CHECK_JOB_GEN_ONLY]: '--checkJobGenOnly',
  [CtsNodeApi.GET]: '--get',
  [CtsNodeApi.WHY]: '--why',
  [CtsNodeApi.GET_STATE]: '--get_state',
  [CtsNodeApi.MIGRATE]: '--migrate',
};

/** The request of a CtsNodeCmd: `api` on `path` ('' = the whole definition). */
export function ctsNodeRequest(api: CtsNodeApi, path = '') {
  return {
    cls: 'CtsNodeCmd',
    base: 'user',
    fields: () => ({ api_: api, absNodePath_: path }),
    // CtsNodeCmd::timeout(): a whole definition can take long to send.
    timeout: api === CtsNodeApi.GET ? Timeout.SYNC : api === CtsNodeApi.MIGRATE ? Timeout.PLUG : Timeout.DEFAULT,
    text: path ? `${option[api]}=${path}` : option[api],
    updatesDefs: api === CtsNodeApi.JOB_GEN,
  } as const;
}

/**
 * CtsNodeCmd JOB_GEN: generates (and submits) the jobs below `path` whose dependencies are free,
 * or runs job submission over every suite when `path` is empty. Does nothing unless the server is
 * RUNNING.
 */
export function jobGenCmd(path = ''): Command<void> {
  const request = ctsNodeRequest(CtsNodeApi.JOB_GEN, path);
  return { ...request, decode: ok(request.text) };
}

/**
 * CtsNodeCmd CHECK_JOB_GEN_ONLY: checks that job files can be generated below `path` (all suites
 * when empty), without submitting anything; the server's errors come back as a ServerError.
 */
export function checkJobGenOnlyCmd(path = ''): Command<void> {
  const request = ctsNodeRequest(CtsNodeApi.CHECK_JOB_GEN_ONLY, path);
  return { ...request, decode: ok(request.text) };
}

// ---- ecflow_client: option, help, argv reader (the C++ create(): same checks, same messages) ---

/**
 * `--get`, `--get_state`, `--migrate` (CtsNodeCmd): the server sends the definition (or one node)
 * as NET text; the client prints it in the style asked for, adding externs as ecflow_client does,
 * as the ecflow_client of the server's release prints it. A whole definition names its release in
 * its header; a node's text does not, so the server's version is asked in the same request.
 */
function printDefinition(api: CtsNodeApi, style: PrintStyleName): ArgvReader {
  return (values, ctx) => {
    const path = values[0] ?? '';
    const node = ctsNodeRequest(api, path);
    if (path === '' || ctx.inGroup === true) {
      return {
        request: node,
        print: (reply) => {
          if (reply.type === 'DefsCmd') return printServerDefs(reply.defs, 'defs', style, { version: versionOf(reply.defs) ?? ctx.version });
          if (reply.type === 'SNodeCmd') return printServerDefs(reply.node, 'node', style, { version: ctx.version });
          return '';
        },
      };
    }
    return {
      // Named as the node request alone, so that a refusal reads as ecflow_client's.
      request: { ...groupCmd([node, serverVersionCmd()]), text: node.text },
      fallback: {
        request: node,
        print: (reply) => (reply.type === 'SNodeCmd' ? printServerDefs(reply.node, 'node', style, { version: ctx.version }) : ''),
      },
      print: (reply) => {
        const replies = reply.type === 'GroupSTCCmd' ? reply.replies : [reply];
        const text = replies.find((r) => r.type === 'SNodeCmd');
        const release = replies.find((r) => r.type === 'SStringCmd');
        if (text?.type !== 'SNodeCmd') return '';
        return printServerDefs(text.node, 'node', style, { version: release?.type === 'SStringCmd' ? release.str : ctx.version });
      },
    };
  };
}

function jobGen(values: string[], _ctx: CliContext): Action {
  return { request: jobGenCmd(values[0] ?? '') };
}

function checkJobGenOnly(values: string[], _ctx: CliContext): Action {
  return { request: checkJobGenOnlyCmd(values[0] ?? '') };
}

/** CtsNodeCmd: its requests, the Client methods that send them, its ecflow_client options. */
export const CtsNodeCmd = {
  cls: 'CtsNodeCmd',
  request: { node: ctsNodeRequest, jobGen: jobGenCmd, checkJobGenOnly: checkJobGenOnlyCmd },
  client: ['getServerDefs', 'jobGen', 'checkJobGenOnly', 'why'],
  options: {
    get: {
      value: 'optional',
      description: lines(
        'Print the definition, or one node tree of it, in a form that can be parsed again.',
        'The suites are fetched from the server and written to standard output in the defs',
        'format, ready to be loaded back into a server.',
        '  arg = NULL | arg = node path',
        'Usage:',
        '  --get     # print the whole definition held by the server',
        '  --get=/s1 # print only suite s1',
      ),
      run: printDefinition(CtsNodeApi.GET, 'defs'),
    },
    get_state: {
      value: 'optional',
      description: lines(
        'Print the definition, or one node tree of it, together with its state.',
        'Besides the structure, node states, events, meters, triggers and time attributes are',
        'shown. Output goes to standard output.',
        '  arg = NULL | arg = node path',
        'Usage:',
        '  --get_state     # print the whole definition with state',
        '  --get_state=/s1 # print suite s1 with state',
      ),
      run: printDefinition(CtsNodeApi.GET_STATE, 'state'),
    },
    migrate: {
      value: 'optional',
      description: lines(
        'Print the definition with its state kept in comments, for moving to a newer ecFlow.',
        'The layout is that of the checkpoint file, indented; node states live in comments so',
        'the text remains a valid definition that a later release can load.',
        'Edit history is included, externs are not, and nothing is checked when it is loaded back.',
        '',
        'How the three ways of printing compare:',
        '                       --get  --get_state  --migrate',
        'Auto generate externs    Yes    Yes          No',
        'Checking on reload       Yes    Yes          No',
        'Edit History             No     No           Yes',
        'Show trigger AST         No     Yes          No',
        '',
        'Usage:',
        '    --migrate         # every suite',
        '    --migrate=/s1     # suite s1 only',
      ),
      run: printDefinition(CtsNodeApi.MIGRATE, 'migrate'),
    },
    job_gen: {
      value: 'optional',
      description: lines(
        'Generate and submit the jobs of a node whose dependencies allow it, right now.',
        'The server looks for runnable tasks once a minute. After freeing time or date',
        'dependencies you can use this to start the jobs without waiting for that cycle.',
        '  arg = node path | arg = NULL',
        '     Without a path, the whole definition is considered.',
      ),
      run: jobGen,
    },
    checkJobGenOnly: {
      value: 'optional',
      description: lines(
        'Generate the job files below a node as a test, without submitting anything.',
        'Dependencies are ignored: every task below the node gets its job file created, which',
        'shows whether job generation works. Nothing is submitted.',
        '  arg = node path | arg = NULL',
        '     Without a path, every task of the definition is tried. Meant for testing.',
      ),
      run: checkJobGenOnly,
    },
    why: {
      value: 'optional',
      description: lines(
        'Explain what keeps a node (and its children) from running.',
        "Only usable inside --group, after a 'get' that fetches the definition.",
        'Takes an optional node path; without one every node is explained.',
        '  arg = node path | arg = NULL',
        'Usage:',
        '  --group="get; why"               # explain every node that is held',
        '  --group="get; why=/suite/family" # explain one node',
      ),
      run: (v) => ({ request: ctsNodeRequest(CtsNodeApi.WHY, v[0] ?? '') }),
    },
  },
} as const satisfies CommandModule;
