/**
 * What the report of an OOPS! says — who was let down, how, how badly, when — as columns of
 * \`oops\`: the same six wherever a case is written (the bulk import) or read back whole (the
 * customer's export).
 */
export const OOPS_REPORT_COLUMNS = [
  'personId',
  'type',
  'description',
  'severity',
  'letDownAt',
  'reportedAt',
] as const
