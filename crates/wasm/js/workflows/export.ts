// CSV and JSON of the workflows' reports (a distribution's summary, a deletion's report).

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: unknown): string {
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV: a header line of `columns`, then one line per row (lists joined by spaces), CRLF line ends. */
export function toCsv<Row extends object>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows as indented JSON text. */
export function toJson(rows: readonly object[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
