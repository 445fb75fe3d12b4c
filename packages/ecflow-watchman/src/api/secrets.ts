/**
 * Variables whose values the API never serves. ecFlow generates `ECF_PASS` for every task and
 * alias: the job's password, with which anyone could send child commands (`--complete`,
 * `--abort`, ...) as the running job. Users name their own secrets (`DB_PASSWORD`, `API_TOKEN`),
 * so a variable is secret by a word of its name as well. The variable stays listed, its value
 * replaced by {@link REDACTED}: a reader sees that it exists and where it comes from.
 */

/** What a secret variable's value is replaced with. */
export const REDACTED = '<redacted>';

/** Words of a variable's name (split at `_`) that make it secret. */
const SECRET_WORDS = new Set(['PASS', 'PASSWD', 'PASSWORD', 'TOKEN', 'SECRET', 'CREDENTIAL', 'CREDENTIALS']);
/** ecFlow's server variables naming its password files: paths, not passwords. */
const FILE_NAMES = new Set(['ECF_PASSWD', 'ECF_CUSTOM_PASSWD']);

/** Whether a variable of this name has a secret value. */
export function isSecret(name: string): boolean {
  if (name === 'ECF_PASS') return true;
  if (FILE_NAMES.has(name)) return false;
  for (const word of name.toUpperCase().split('_')) if (SECRET_WORDS.has(word)) return true;
  return false;
}

/** `{ name, value }` as the API serves it: the value redacted when the name is secret. */
export function served(name: string, value: string): { name: string; value: string } {
  return { name, value: isSecret(name) ? REDACTED : value };
}
