/**
 * `Defs::auto_add_externs` (ANode/src/ResolveExternsVisitor.cpp) and the printing ecflow_client does
 * with a definition or node it received (`DefsCmd` / `SNodeCmd::handle_server_response`).
 */
import type { ExprAst } from './expression.js';
import { findReferencedNode } from './find.js';
import { Defs, Suite, Task, type Node, type NodeContainer } from './model.js';
import { parseDefs, parseNode } from './parse.js';
import { printDefs, printFacts, printNode, type PrintStyleName } from './print.js';
import { defaultServerVariables } from './server-variables.js';
import { combinedAst, hasExprVariable, parentVariableNode } from './state-ast.js';

/**
 * Adds an `extern` for every trigger / complete / inlimit reference that does not resolve in the
 * definition (`Defs::auto_add_externs`): nodes, `node:attribute` pairs, parent variables
 * (`/abs/path:NAME`), flags (`path:late`) and limits. Aliases are not visited, as in ecFlow.
 * @param removeExisting drop the current externs first. @default false
 */
export function autoAddExterns(defs: Defs, removeExisting = false): void {
  if (removeExisting) defs.externs = [];
  for (const s of defs.suites) visitContainer(defs, s);
}

function visitContainer(defs: Defs, nc: NodeContainer): void {
  setup(defs, nc);
  const kids = nc.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k instanceof Task) setup(defs, k);
    else visitContainer(defs, k);
  }
}

function setup(defs: Defs, n: Node): void {
  const inLimits = n.inLimits;
  for (let i = 0; i < inLimits.length; i++) {
    const il = inLimits[i]!;
    if (il.path.length === 0) {
      let found = false;
      for (let p: Node | null = n; p !== null && !found; p = p.parent) found = p.findLimit(il.name) !== undefined;
      if (!found) defs.addExtern(il.name);
    } else {
      const holder = findReferencedNode(n, il.path, il.name).node;
      if (holder === undefined || holder.findLimit(il.name) === undefined) defs.addExtern(il.path + ':' + il.name);
    }
  }
  if (n.complete !== null) {
    const ast = combinedAst(n.complete);
    if (ast !== null) visitAst(defs, n, ast);
  }
  if (n.trigger !== null) {
    const ast = combinedAst(n.trigger);
    if (ast !== null) visitAst(defs, n, ast);
  }
}

/** `AstResolveExternVisitor`; a function's argument is not visited (`AstFunction::accept`). */
function visitAst(defs: Defs, n: Node, a: ExprAst): void {
  switch (a.type) {
    case 'and':
    case 'or':
    case 'compare':
    case 'arith':
      visitAst(defs, n, a.left);
      visitAst(defs, n, a.right);
      return;
    case 'not':
      visitAst(defs, n, a.arg);
      return;
    case 'node':
      if (findReferencedNode(n, a.path).node === undefined) defs.addExtern(a.path);
      return;
    case 'variable': {
      const ref = findReferencedNode(n, a.path, a.name).node;
      if (ref === undefined || !hasExprVariable(ref, a.name)) defs.addExtern(a.path + ':' + a.name);
      return;
    }
    case 'parentVariable':
      if (parentVariableNode(n, a.name) === undefined) defs.addExtern(n.absNodePath() + ':' + a.name);
      return;
    case 'flag':
      if (a.path === '/' || findReferencedNode(n, a.path, a.flag).node === undefined) defs.addExtern(a.path + ':' + a.flag);
      return;
    default:
      return;
  }
}

/** What a server reply carrying definitions holds: a whole definition or one node. */
export type ReplyDefsKind = 'defs' | 'node';

/** Options of `printServerDefs`. */
export interface PrintServerDefsOptions {
  /**
   * Port used for the default server variables of the definition ecflow_client fabricates around a
   * suite it received on its own (`--get_state=/suite`).
   * @default '3141'
   */
  defaultPort?: string;
  /**
   * The ecFlow release whose ecflow_client to imitate: how the reply text is read, and the header,
   * indentation (none but DEFS from 5.14.1) and STATE details of the print.
   * @default '5.9.2'
   */
  version?: string;
}

/**
 * Prints the text of a `DefsCmd` (`kind` 'defs') or `SNodeCmd` (`kind` 'node') reply the way
 * ecflow_client does for `--get`, `--get_state` and `--migrate` (with or without `=/path`):
 * externs are added first in the DEFS and STATE styles; a suite on its own is printed inside a
 * fresh definition; any other node is printed on its own, followed by an empty line.
 */
export function printServerDefs(text: string, kind: ReplyDefsKind, style: PrintStyleName, options: PrintServerDefsOptions = {}): string {
  const persist = style === 'migrate' || style === 'net';
  const version = options.version;
  const indent = printFacts(style, version, undefined, true).indent;
  if (kind === 'defs') {
    const defs = parseDefs(text, { check: false, ...(version === undefined ? {} : { version }) });
    if (!persist) autoAddExterns(defs);
    // ecFlow prints edit history only when saving a check point or asked to save it, never from
    // `cout << defs`: the history the server sent with MIGRATE is not shown.
    defs.history = [];
    return printDefs(defs, { style, indent, ...(version === undefined ? {} : { version }) });
  }
  const node = parseNode(text, version === undefined ? {} : { version });
  if (node instanceof Suite) {
    if (!persist) {
      const defs = new Defs();
      for (const v of defaultServerVariables(options.defaultPort ?? '3141', undefined, version)) defs.addServerVariable(v);
      defs.addSuite(node);
      autoAddExterns(defs);
      return printDefs(defs, { style, indent, ...(version === undefined ? {} : { version }) });
    }
    return 'defs_state ' + style.toUpperCase() + '\n' + printNode(node, { style, level: 0, ...(version === undefined ? {} : { version }) }) + '\n';
  }
  return printNode(node, { style, indent, level: 1, ...(version === undefined ? {} : { version }) }) + '\n';
}
