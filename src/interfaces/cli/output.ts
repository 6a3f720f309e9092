/**
 * How commands print: exactly one JSON document with --json, a readable report otherwise; errors to stderr.
 */
import Table from "cli-table3";

/** An error the user can act on: printed without a stack trace, with the exit code given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Prints `data` as JSON when asked to, else the human rendering. */
export function emit(json: boolean | undefined, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** A plain table with a header row. */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}

const percentFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A share (0–1) as a percentage for people, or an em dash when there is none. */
export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? "—" : `${percentFormat.format(share * 100)}%`;

export const number = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : numberFormat.format(value);
