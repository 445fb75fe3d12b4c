/**
 * The help system of `ecflow-client`: the option table with our descriptions, and the renderer
 * that lays it out exactly like ecflow_client 5.9.2 does.
 *
 * @module
 */
export {
  CHILD_COMMANDS,
  OPTION_HELP,
  OPTION_KINDS,
  type OptionHelp,
  type OptionKind,
  type OptionName,
  VALUE_ARITIES,
  type ValueArity,
  optionHelp,
} from './descriptions.js';
export {
  CHILD_ENV_DESCRIPTION,
  CLIENT_ENV_DESCRIPTION,
  DEFAULT_CLIENT_NAME,
  HELP_ALL_LINE_LENGTH,
  type HelpOption,
  HelpTopicAmbiguousError,
  type HelpTextOptions,
  commandGrid,
  commandHelp,
  commandSummary,
  findOption,
  formatOptionsDescription,
  helpText,
} from './show.js';
