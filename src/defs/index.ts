/** Suite definitions: model, parser, printer and check for all ecFlow 5.9.2 print styles. */
export { parseDefs, parseNode, type ParseOptions } from './parse.js';
export { printDefs, printNode, ECFLOW_VERSION, type PrintOptions, type PrintStyleName } from './print.js';
export { checkDefs, checkDefsDetailed, type CheckResult } from './check.js';
export { findNode, findReferencedNode } from './find.js';
export { autoAddExterns, printServerDefs, type PrintServerDefsOptions, type ReplyDefsKind } from './externs.js';
export { generatedVariables } from './generated.js';
export { evaluateExpression } from './state-ast.js';
export { why } from './why.js';
export { DefsParseError } from './errors.js';
export { parseExpression, ExpressionError, type ExprAst } from './expression.js';
export * from './model.js';
export * from './states.js';
export * from './attributes/basic.js';
export * from './attributes/time.js';
export * from './attributes/repeat.js';
export * from './attributes/misc.js';
export { defsStats } from './stats.js';
export { defaultServerVariables } from './server-variables.js';
