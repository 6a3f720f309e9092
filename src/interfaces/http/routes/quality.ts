/**
 * GET /api/quality/…: quality management from the warehouse — the monitoring sample plan with its precision and
 * critical-error accuracies (2.7.1), monitoring compliance per CSS (3.5.1), coaching and consequences (3.5.2),
 * evaluator calibration (2.7.3), the link between critical errors and satisfaction (2.7.1.d.ii) and the frequent
 * errors' Pareto (2.7.2). Each route answers what the matching `cxpm qa` command prints with `--json`.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NotFoundError } from "../../../app/errors.ts";
import { Month } from "../../../app/targets.ts";
import { calibrationReport } from "../../../warehouse/quality/calibration.ts";
import { coachingReport } from "../../../warehouse/quality/coaching.ts";
import { monitoringComplianceReport } from "../../../warehouse/quality/compliance.ts";
import { cxLink, ERROR_CLASSES } from "../../../warehouse/quality/cx-link.ts";
import { PARETO_CLASSES, paretoReport } from "../../../warehouse/quality/pareto.ts";
import { samplePlan } from "../../../warehouse/quality/plan.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const share = (what: string) => z.coerce.number().gt(0).lt(1).describe(what);
const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, "expected a quarter as YYYY-Qn, e.g. 2026-Q3");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const n = z.number().nullable();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const Accuracy = z.object({ accurate: z.number(), monitored: z.number(), estimate: n, lower: n, upper: n });
const PlanRow = z.object({
  program: z.string(),
  month: z.string(),
  work: z.enum(["human", "digital"]),
  volume: z.number().describe("N: transactions that could be monitored"),
  required: n.describe("n needed for the margin, with the finite-population correction"),
  monitored: z.number().describe("systematic evaluations"),
  investigative: z.number(),
  coverage: n,
  achievedMargin: n,
  worseThanPlan: z.boolean().describe("the achieved margin is wider than planned"),
  accuracy: z.object({ customer: Accuracy, business: Accuracy, compliance: Accuracy }),
  selection: z.record(z.string(), z.number()).describe("systematic evaluations per monitoring mode"),
});

const Check = z.object({
  requirement: z.string(),
  check: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  transactionType: z.string().optional(),
  status: z.enum(["met", "due", "overdue", "upcoming", "not-applicable"]),
  sessions: z.number(),
  note: z.string().optional(),
});
const CssCompliance = z.object({
  css: z.string(),
  startedOn: z.string().nullable(),
  handled: z.number(),
  month: z.string(),
  quarter: z.string(),
  systematic: z.number(),
  investigative: z.number(),
  passed: z.number(),
  failed: z.number(),
  checks: list(Check),
  due: z.number(),
  overdue: z.number(),
});

const Agreement = { compared: z.number(), agreed: z.number(), share: n, lower: n, upper: n };
const Evaluator = z.object({
  evaluator: z.string(),
  sessions: z.number(),
  transactions: z.number(),
  ...Agreement,
  byAttribute: list(z.object({ attribute: z.string(), ...Agreement })),
  kappa: z.object({ kappa: n, se: n, lower: n, upper: n }).describe("Cohen's kappa with the reference"),
  belowThreshold: z.boolean(),
});
const CalibrationQuarter = z.object({
  program: z.string(),
  quarter: z.string(),
  sessions: list(z.string()),
  references: list(z.string()),
  evaluators: list(Evaluator),
  expected: list(z.string()),
  missing: list(z.string()).describe("expected evaluators in no session of the quarter"),
  complete: z.boolean(),
});

const Failed = z.object({
  evaluation: z.string(),
  date: z.string(),
  coachBy: z.string(),
  coachedOn: z.string().nullable(),
  status: z.enum(["coached", "coached-late", "due", "overdue"]),
});
const CssCoaching = z.object({
  css: z.string(),
  month: z.string(),
  failed: list(Failed),
  followUp: z
    .object({
      month: z.string(),
      required: z.number(),
      monitored: z.number(),
      status: z.enum(["met", "due", "overdue"]),
    })
    .nullable(),
  correctiveAction: z
    .object({
      raisedOn: z.string(),
      failures: list(z.string()),
      resolved: z.boolean(),
      resolvedOn: z.string().nullable(),
    })
    .nullable(),
  removeFromCustomers: z.boolean(),
  problems: z.number(),
});

const Rate = z.object({ transactions: z.number(), topBox: z.number(), rate: n, lower: n, upper: n });
const ClassLink = z.object({
  errorClass: z.enum(ERROR_CLASSES),
  withError: Rate,
  withoutError: Rate,
  difference: z
    .object({ estimate: z.number(), lower: z.number(), upper: z.number() })
    .nullable()
    .describe("top-box rate without minus with the error, Newcombe's interval"),
  costsSatisfaction: z.boolean(),
});
const AttributeLink = z.object({
  attribute: z.string(),
  label: z.string().nullable(),
  class: z.string().nullable().describe("class on the latest form version holding the attribute"),
  failed: Rate,
  passed: Rate,
  difference: z
    .object({ estimate: z.number(), lower: z.number(), upper: z.number() })
    .nullable()
    .describe("top-box rate when passed minus when failed, Newcombe's interval"),
  costsSatisfaction: z.boolean(),
});

const AttributeClass = z.enum(["customer-critical", "business-critical", "compliance-critical", "non-critical"]);
const ParetoAttribute = z.object({
  attribute: z.string(),
  label: z.string().nullable(),
  class: AttributeClass.nullable().describe("class on the latest form version it failed on; null when unknown"),
  failures: z.number(),
  share: z.number().describe("of all failures in scope"),
  cumulativeShare: z.number(),
  vitalFew: z.boolean().describe("among the attributes that make the first 80% of failures"),
  ratePer100: z.number().describe("failures per 100 evaluations in scope"),
  months: list(z.object({ month: z.string(), failures: z.number(), ratePer100: n })),
});
const Consistency = z.object({
  evaluations: z.number(),
  failed: z.number().describe("answers hold a critical error: the transaction fails (3.5.1.e)"),
  nonCriticalOnly: z.number().describe("only non-critical attributes failed: a defect that passes"),
  disagreeing: z.number().describe("stored critical-error flags disagree with the answers"),
  disagreeingBy: z.object({ customer: z.number(), business: z.number(), compliance: z.number() }),
  examples: list(z.string()),
  unknownAttributes: z.number().describe("answers to an attribute missing from their form version"),
});

/** A program the warehouse has nothing for is a 404 naming the field. */
async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError && /has no contacts or QA evaluations/.test(error.message)) {
      throw new NotFoundError(error.message, [{ field: "program", message: error.message }]);
    }
    throw error;
  }
}

const TAGS = ["quality"];

export const qualityRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/quality/plan",
    {
      schema: {
        tags: TAGS,
        summary: "Sample plan and precision",
        description:
          "Per program × month × human/digital work: the volume, the sample the margin needs (Cochran's " +
          "finite-population correction), the systematic evaluations, the achieved margin flagged when worse " +
          "than planned, the three critical-error accuracies with Wilson intervals, and the monitoring mix.",
        querystring: z
          .strictObject({
            program: z.string().optional(),
            from: Month.optional(),
            to: Month.optional(),
            margin: share("planned margin of error, 0.05 for ±5 points").default(0.05),
            confidence: share("confidence level").default(0.95),
          })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] }),
        response: {
          200: z.object({
            confidence: z.number(),
            margin: z.number(),
            p: z.number(),
            z: z.number(),
            formula: z.string(),
            rows: list(PlanRow),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => context.withWarehouse((warehouse) => samplePlan(warehouse, request.query)),
  );

  server.get(
    "/quality/compliance",
    {
      schema: {
        tags: TAGS,
        summary: "Monitoring compliance per CSS",
        description:
          "Every CSS of the program in the month with each 3.5.1 check met, due, overdue or not applicable: " +
          "monthly, each transaction type and side-by-side/remote per quarter, weekly for new CSSs.",
        querystring: z.strictObject({ program: z.string().min(1), month: Month, asOf: Day.optional() }),
        response: {
          200: z.object({
            program: z.string(),
            month: z.string(),
            quarter: z.string(),
            asOf: z.string(),
            csss: list(CssCompliance),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) =>
      orNotFound(() => context.withWarehouse((warehouse) => monitoringComplianceReport(warehouse, request.query))),
  );

  server.get(
    "/quality/coaching",
    {
      schema: {
        tags: TAGS,
        summary: "Coaching and consequences",
        description:
          "The CSSs who failed monitoring in the month or face a corrective action: coaching on each failed " +
          "transaction, closer monitoring next month, and whether to keep them off customer transactions (3.5.2).",
        querystring: z.strictObject({
          program: z.string().min(1),
          month: Month,
          asOf: Day.optional(),
          repeatFailures: z.coerce.number().int().min(2).default(2).describe("failed evaluations that repeat"),
          repeatWindowDays: z.coerce.number().int().min(1).default(30).describe("within this many days"),
        }),
        response: {
          200: z.object({
            program: z.string(),
            month: z.string(),
            asOf: z.string(),
            settings: z.object({
              repeatFailures: z.number(),
              repeatWindowDays: z.number(),
              coachingDays: z.number(),
              followUpSessions: z.number(),
              passesToResolve: z.number(),
            }),
            summary: z.object({
              failed: z.number(),
              coached: z.number(),
              coachedLate: z.number(),
              due: z.number(),
              overdue: z.number(),
              followUps: z.number(),
              followUpsOverdue: z.number(),
              correctiveActions: z.number(),
              removeFromCustomers: z.number(),
            }),
            csss: list(CssCoaching),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { repeatFailures, repeatWindowDays, ...rest } = request.query;
      return orNotFound(() =>
        context.withWarehouse((warehouse) =>
          coachingReport(warehouse, { ...rest, settings: { repeatFailures, repeatWindowDays } }),
        ),
      );
    },
  );

  server.get(
    "/quality/calibration",
    {
      schema: {
        tags: TAGS,
        summary: "Evaluator calibration",
        description:
          "Per program × quarter and evaluator: percent agreement with the session's reference per attribute " +
          "and overall (Wilson intervals), Cohen's kappa with its interval, evaluators under the threshold, and " +
          "the evaluators not calibrated in the quarter (2.7.3).",
        querystring: z.strictObject({
          program: z.string().optional(),
          quarter: Quarter.optional(),
          threshold: share("lowest acceptable agreement with the reference").default(0.8),
        }),
        response: {
          200: z.object({ threshold: z.number(), confidence: z.number(), quarters: list(CalibrationQuarter) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => context.withWarehouse((warehouse) => calibrationReport(warehouse, request.query)),
  );

  server.get(
    "/quality/cx-link",
    {
      schema: {
        tags: TAGS,
        summary: "Critical errors and satisfaction",
        description:
          "For transactions both monitored and surveyed: the top-box rate with and without each class of " +
          "critical error (Wilson intervals) and the difference (Newcombe's interval) (2.7.1.d.ii).",
        querystring: z
          .strictObject({
            program: z.string().optional(),
            from: Month.optional(),
            to: Month.optional(),
            topBoxes: z.coerce.number().int().min(1).default(2).describe("answers at the top that count as satisfied"),
          })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] }),
        response: {
          200: z.object({
            program: z.string().nullable(),
            from: z.string().nullable(),
            to: z.string().nullable(),
            topBoxes: z.number(),
            confidence: z.number(),
            transactions: z.number(),
            classes: list(ClassLink),
            attributes: list(AttributeLink).describe("per attribute answered, the largest difference first"),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => context.withWarehouse((warehouse) => cxLink(warehouse, request.query)),
  );

  server.get(
    "/quality/pareto",
    {
      schema: {
        tags: TAGS,
        summary: "Frequent errors (Pareto)",
        description:
          "Failed QA attributes, most frequent first, with their share, cumulative share, class and monthly " +
          "trend (failures per 100 evaluations), for a program, queue, team or CSS and a month range (2.7.2); and " +
          "how many evaluations' critical-error flags disagree with their answers (3.5.1.e).",
        querystring: z
          .strictObject({
            program: z.string().optional(),
            queue: z.string().optional(),
            team: z.string().optional().describe("people.team_id"),
            agent: z.string().optional(),
            from: Month.optional(),
            to: Month.optional(),
            class: z.enum(PARETO_CLASSES).default("all").describe("failures of every class or the critical only"),
          })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] }),
        response: {
          200: z.object({
            program: z.string().nullable(),
            queue: z.string().nullable(),
            team: z.string().nullable(),
            agent: z.string().nullable(),
            from: z.string().nullable(),
            to: z.string().nullable(),
            classes: z.enum(PARETO_CLASSES),
            months: list(z.string()),
            evaluations: z.number(),
            evaluationsByMonth: list(z.object({ month: z.string(), evaluations: z.number() })),
            failures: z.number(),
            attributes: list(ParetoAttribute),
            consistency: Consistency,
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { class: classes, ...rest } = request.query;
      return context.withWarehouse((warehouse) => paretoReport(warehouse, { ...rest, classes }));
    },
  );
};
