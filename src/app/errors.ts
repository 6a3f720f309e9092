/**
 * Errors the services raise for input a person can fix. Each names the fields at fault; the HTTP API turns
 * them into `{ error, details }` with a 4xx status, the command line into a message.
 */
import type { z } from "zod";

/** One problem with one field: `field` is a path such as `scope.id` or `series[0].periods[1].value`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: 400 | 404 | 409;
  constructor(
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule (400). Nothing was written. */
export class InvalidInputError extends AppError {
  readonly status = 400;
  constructor(details: readonly FieldProblem[], message = summarise(details)) {
    super(message, details);
  }
}

/** The thing named does not exist (404). */
export class NotFoundError extends AppError {
  readonly status = 404;
}

/** The request clashes with what is stored: a duplicate id, or a row still referred to (409). Nothing was written. */
export class ConflictError extends AppError {
  readonly status = 409;
}

const summarise = (details: readonly FieldProblem[]) =>
  details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ") || "invalid input";

/** `a.b[0].c` from a zod issue path. */
export const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );

/** Parses with a zod schema, or throws {@link InvalidInputError} naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(zodProblems(parsed.error.issues, prefix));
}

/** One {@link FieldProblem} per zod issue; an unknown key is named as the field itself. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldProblem[] {
  const base = prefix ? [prefix] : [];
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: formatPath([...base, ...issue.path, key]), message: "unknown field" }))
      : [{ field: formatPath([...base, ...issue.path]), message: issue.message }],
  );
}

/** A PostgreSQL error code, when the error came from the database (both `pg` and PGlite set `code`). */
export const pgCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
    ? (error as { code: string }).code
    : undefined;
