// Cron schedules of the CronWorkflows in workflows/, evaluated on one machine: the five standard
// fields (minute hour day-of-month month day-of-week) with `*`, lists, ranges and steps, in UTC (every
// Thoth CronWorkflow sets `timezone: Etc/UTC`; another timezone is refused rather than guessed). As in
// Vixie cron and Argo, when both day fields are restricted a day matching either one is due.
import { InputError } from '../errors/index.js';

export interface CronSchedule {
  /** The expression as written. */
  text: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** False when the field was `*` (matters for the either-day rule). */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, field: (typeof FIELDS)[number], expression: string): Set<number> {
  const values = new Set<number>();
  const fail = (): never => {
    throw new InputError(
      `cron "${expression}": ${field.name} "${text}" must be *, N, N-M, */S or N-M/S within ${field.min}-${field.max}`,
    );
  };
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (match === null) fail();
    const step = match![4] === undefined ? 1 : Number(match![4]);
    let from: number = field.min;
    let to: number = field.max;
    if (match![1] !== '*') {
      from = Number(match![2]);
      to = match![3] === undefined ? (match![4] === undefined ? from : field.max) : Number(match![3]);
    }
    if (step < 1 || from < field.min || to > field.max || from > to) fail();
    for (let v = from; v <= to; v += step) values.add(field.name === 'day of week' && v === 7 ? 0 : v);
  }
  return values;
}

/** Parse a five-field cron expression; throws InputError naming the field. */
export function parseCron(text: string): CronSchedule {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new InputError(`cron "${text}" must have five fields: minute hour day-of-month month day-of-week`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((p, i) =>
    parseField(p, FIELDS[i]!, text),
  );
  return {
    text,
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: daysOfWeek!,
    dayOfMonthRestricted: parts[2] !== '*',
    dayOfWeekRestricted: parts[4] !== '*',
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  if (!schedule.months.has(date.getUTCMonth() + 1)) return false;
  const dom = schedule.daysOfMonth.has(date.getUTCDate());
  const dow = schedule.daysOfWeek.has(date.getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

/** The first slot strictly after `after` (UTC, whole minutes); undefined when none within 5 years. */
export function nextSlot(schedule: CronSchedule, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600_000;
  while (t.getTime() <= limit) {
    if (!dayMatches(schedule, t)) {
      t.setUTCHours(0, 0, 0, 0);
      t.setUTCDate(t.getUTCDate() + 1);
      continue;
    }
    if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCMinutes(0, 0, 0);
      t.setUTCHours(t.getUTCHours() + 1);
      continue;
    }
    if (schedule.minutes.has(t.getUTCMinutes())) return t;
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  return undefined;
}
