/**
 * The keyword table: every attribute keyword's parser, and which of them each node parser accepts
 * (the `addParser` lists of ecFlow's DefsParser.cpp, in their order). A new keyword is one parser
 * file plus its row here; a parser's `since` names the version fact before which the keyword is
 * unknown (aviso and mirror: 5.13).
 */
import { autoarchiveParser } from './autoarchive.js';
import { autocancelParser } from './autocancel.js';
import { autorestoreParser } from './autorestore.js';
import { avisoParser } from './aviso.js';
import { calendarParser } from './calendar.js';
import { clockParser, endclockParser } from './clock.js';
import { cronParser } from './cron.js';
import { dateParser } from './date.js';
import { dayParser } from './day.js';
import { defsStateParser } from './defs-state.js';
import { defstatusParser } from './defstatus.js';
import { eventParser } from './event.js';
import { externParser } from './extern.js';
import { genericParser } from './generic.js';
import { historyParser } from './history.js';
import { inlimitParser } from './inlimit.js';
import { labelParser } from './label.js';
import { lateParser } from './late.js';
import { limitParser } from './limit.js';
import { meterParser } from './meter.js';
import { mirrorParser } from './mirror.js';
import { queueParser } from './queue.js';
import { repeatParser } from './repeat.js';
import type { KeywordParser } from './context.js';
import { timeParser } from './time.js';
import { todayParser } from './today.js';
import { completeParser, triggerParser } from './trigger-complete.js';
import { serverVariableParser, variableParser } from './variable.js';
import { verifyParser } from './verify.js';
import { zombieParser } from './zombie.js';

/** Every attribute keyword parser by id. */
export const KEYWORD_PARSERS = {
  edit: variableParser,
  server_edit: serverVariableParser,
  label: labelParser,
  event: eventParser,
  meter: meterParser,
  trigger: triggerParser,
  complete: completeParser,
  repeat: repeatParser,
  limit: limitParser,
  inlimit: inlimitParser,
  late: lateParser,
  defstatus: defstatusParser,
  time: timeParser,
  today: todayParser,
  cron: cronParser,
  date: dateParser,
  day: dayParser,
  autocancel: autocancelParser,
  autoarchive: autoarchiveParser,
  autorestore: autorestoreParser,
  verify: verifyParser,
  zombie: zombieParser,
  queue: queueParser,
  generic: genericParser,
  clock: clockParser,
  endclock: endclockParser,
  calendar: calendarParser,
  extern: externParser,
  defs_state: defsStateParser,
  history: historyParser,
  aviso: avisoParser,
  mirror: mirrorParser,
} as const satisfies Record<string, KeywordParser>;

/** Every attribute keyword some node parser knows (a misplaced one is a fault, not an unknown line). */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(Object.values(KEYWORD_PARSERS).map((k) => k.keyword));

const K = KEYWORD_PARSERS;

/** `DefsParser`: what a definition holds outside its suites. */
export const DEFS_KEYWORDS: readonly KeywordParser[] = [K.history, K.server_edit, K.extern, K.defs_state];
/** `SuiteParser` (no time dependencies on a suite: ECFLOW-106). */
export const SUITE_KEYWORDS: readonly KeywordParser[] = [
  K.edit, K.limit, K.defstatus, K.clock, K.inlimit, K.repeat, K.late, K.cron, K.autocancel, K.verify, K.zombie, K.event, K.label,
  K.calendar, K.meter, K.endclock, K.queue, K.autoarchive, K.autorestore, K.generic, K.aviso, K.mirror,
];
/** `FamilyParser`. */
export const FAMILY_KEYWORDS: readonly KeywordParser[] = [
  K.edit, K.trigger, K.inlimit, K.defstatus, K.limit, K.complete, K.meter, K.time, K.label, K.repeat, K.late, K.event, K.today,
  K.cron, K.date, K.day, K.autocancel, K.verify, K.zombie, K.queue, K.autoarchive, K.autorestore, K.generic, K.aviso, K.mirror,
];
/** `TaskParser`. */
export const TASK_KEYWORDS: readonly KeywordParser[] = [
  K.edit, K.trigger, K.label, K.inlimit, K.event, K.late, K.meter, K.defstatus, K.complete, K.time, K.repeat, K.today, K.cron,
  K.limit, K.date, K.day, K.autocancel, K.verify, K.zombie, K.queue, K.autorestore, K.generic, K.aviso, K.mirror,
];
/** `AliasParser`. */
export const ALIAS_KEYWORDS: readonly KeywordParser[] = [
  K.edit, K.label, K.meter, K.event, K.trigger, K.inlimit, K.late, K.defstatus, K.complete, K.time, K.repeat, K.today, K.cron,
  K.limit, K.date, K.day, K.autocancel, K.verify, K.zombie, K.queue, K.generic, K.aviso, K.mirror,
];
