/**
 * The help system of `ecflow-client`: the option table with our descriptions, and the renderer
 * that lays it out exactly like the ecflow_client of the release imitated does.
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
  optionHelpOf,
} from './descriptions.js';
export {
  childEnvDescription,
  clientEnvDescription,
  DEFAULT_CLIENT_NAME,
  HELP_ALL_LINE_LENGTH,
  type HelpOption,
  HelpTopicAmbiguousError,
  type HelpTextOptions,
  findOption,
  formatOptionsDescription,
  helpText,
} from './show.js';
