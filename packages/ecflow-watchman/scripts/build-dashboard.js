// Compiles the dashboard's browser script (src/dashboard/browser/app.ts) to
// dist/dashboard/browser/app.js, which the watchman serves as /dashboard/app.js
// (the package's `npm run build`, after `tsc -p tsconfig.json`).
//
// TypeScript's own compiler, one file: app.ts names the API's types with `import()` types, so a
// `tsc -p` program would hold (and emit again) the server modules those types live in. The file
// is type-checked with them by `npm run typecheck` at the root (src/dashboard/browser/tsconfig.json);
// here it is only transpiled, with that tsconfig's options, and has no imports left to bundle.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/dashboard/browser/app.ts');
const target = join(root, 'dist/dashboard/browser/app.js');

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'src/dashboard/browser/tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (config === undefined || config.errors.length > 0) throw new Error(`build-dashboard: bad tsconfig: ${config?.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
const options = { ...config.options, noEmit: false, sourceMap: false, inlineSources: false, declaration: false, inlineSourceMap: false };

const out = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: options, fileName: source, reportDiagnostics: true });
if (out.diagnostics !== undefined && out.diagnostics.length > 0) {
  throw new Error(`build-dashboard: ${out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
}
if (/^\s*(import|export)\b/m.test(out.outputText)) throw new Error('build-dashboard: app.ts must stay a classic script (no import or export at run time)');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, out.outputText);
