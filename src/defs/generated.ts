/** Generated variables (ecFlow's `gen_variables`), printed as `# edit ...` in STATE style. */
import { Variable } from './attributes/basic.js';
import type { Node } from './model.js';

export function generatedVariables(_node: Node): Variable[] {
  return [];
}
