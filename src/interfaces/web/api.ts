/**
 * Everything the web UI knows about the HTTP API: the shapes of the responses it reads (kept here, in one file,
 * so a change of the API is a change of this file) and the calls it makes. The OpenAPI document at
 * /api/openapi.json is the truth; these types follow it.
 */

export type ScopeLevel = "entity" | "region" | "location" | "service" | "program" | "queue";
export type Unit = "percent" | "seconds" | "minutes" | "hours" | "days" | "count" | "currency" | "ratio" | "score";
export type Direction = "higher" | "lower" | "none";

export interface ScopeRef {
  readonly level: ScopeLevel;
  readonly id: string;
  readonly name: string;
}

export type Trigger =
  | {
      readonly kind: "metric-not-meeting";
      readonly key: string;
      readonly metric: string;
      readonly share: number | null;
    }
  | {
      readonly kind: "improvement-examples-required";
      readonly scope: string;
      readonly meetingShare: number | null;
      readonly examplesRequired: number;
    };

export type Finding =
  | { readonly kind: "missing-target"; readonly key: string }
  | { readonly kind: "stale-comparative-data"; readonly key: string; readonly date: string; readonly ageYears: number }
  | {
      readonly kind: "below-benchmark-without-reason";
      readonly key: string;
      readonly target: number;
      readonly benchmark: number;
    }
  | { readonly kind: "routinely-better-than-target"; readonly key: string; readonly periods: readonly string[] };

export interface ScopeVerdict {
  readonly scope: ScopeRef;
  readonly counted: number;
  readonly meeting: number;
  readonly meetingOrImproving: number;
  /** Shares from 0 to 1; null when nothing is counted. */
  readonly meetingShare: number | null;
  readonly meetingOrImprovingShare: number | null;
  readonly met: boolean;
  /** Counted metrics not meeting targeted levels (3 of 4 periods). */
  readonly failing: number;
  readonly triggers: readonly Trigger[];
  readonly governance: number;
}

export interface Freshness {
  readonly latestDay: string | null;
  readonly lastImportAt: string | null;
  readonly batches: number;
}

export interface Overview {
  readonly asOf: string | null;
  readonly provider: "csp" | "osp";
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly item46Met?: boolean;
  readonly scopes: readonly ScopeVerdict[];
  readonly triggers: readonly Trigger[];
  readonly governance: readonly Finding[];
  readonly freshness: Freshness;
}

export interface SummaryCell {
  readonly period: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly met: boolean | null;
  readonly improving: boolean;
  readonly n?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface SummaryRow {
  readonly key: string;
  readonly metric: string;
  readonly name: string;
  readonly unit: Unit;
  readonly item: string;
  readonly itemName: string;
  readonly category: string;
  readonly direction: Direction;
  readonly program: { readonly id: string; readonly name: string } | null;
  readonly channels: readonly string[];
  readonly benchmark: number | null;
  readonly cells: readonly SummaryCell[];
  readonly evaluated: number;
  readonly met: number;
  readonly meeting: boolean;
  readonly improving: boolean;
}

export interface Summary {
  readonly asOf: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly periods: readonly string[];
  readonly rows: readonly SummaryRow[];
  readonly filters: {
    readonly programs: readonly { id: string; name: string }[];
    readonly channels: readonly string[];
    readonly scopes: readonly ScopeRef[];
  };
}

export interface SummaryQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly scopeLevel?: string | undefined;
  readonly scopeId?: string | undefined;
  readonly channel?: string | undefined;
  readonly program?: string | undefined;
}

/** A metric as the catalog describes it (GET /api/standard). */
export interface CatalogMetric {
  readonly id: string;
  readonly name: string;
  readonly exhibit: string;
  readonly group: string;
  readonly items: readonly string[];
  readonly category: string;
  readonly description: string;
  readonly formula:
    | {
        readonly kind: "ratio";
        readonly numerator: Component;
        readonly denominator: Component;
        readonly scale: 1 | 100;
      }
    | { readonly kind: "total"; readonly component: Component }
    | { readonly kind: "expression"; readonly components: readonly Component[]; readonly expression: string };
  readonly unit: Unit;
  readonly direction: Direction;
  readonly status: "required" | "recommended" | "conditional";
  readonly condition?: string;
  readonly alternatives: readonly string[];
  readonly tags: readonly string[];
  readonly benchmarks: readonly { value: number; comparison: ">=" | "<="; condition?: string }[];
  readonly targetGuidance?: string;
  readonly frequency: { readonly measure: string; readonly analyze: string };
  readonly targetRequired: boolean;
  readonly samplingAllowed: boolean;
  readonly item46: "entity" | "program" | "not-counted";
  readonly customerAffecting: boolean;
  readonly interpretation?: string;
}

export interface Component {
  readonly id: string;
  readonly description: string;
}

export interface DetailPoint {
  readonly period: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly met: boolean | null;
  readonly components: Readonly<Record<string, number>>;
  readonly n?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface MetricDetail {
  readonly metric: CatalogMetric;
  readonly scope: ScopeRef;
  readonly from?: string;
  readonly to?: string;
  readonly points: readonly DetailPoint[];
  readonly benchmark: number | null;
  readonly breakdown: {
    readonly programs: readonly { id: string; name: string; points: readonly DetailPoint[] }[];
    readonly queues: readonly { id: string; name?: string; program: string; points: readonly DetailPoint[] }[];
    /** Each CSS over the whole window, best first; null when the metric is not one CSS's work. */
    readonly agents: readonly AgentValue[] | null;
  };
}

/** A canonical dataset an import can load. */
export interface Dataset {
  readonly name: string;
  readonly description: string;
  readonly naturalKey: readonly string[];
}

export interface AgentValue {
  readonly agent: string;
  readonly value: number | null;
  readonly components: Readonly<Record<string, number>>;
}

export const TARGET_SOURCES = ["benchmark", "client", "internal", "comparative"] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

export interface Target {
  readonly id: number;
  readonly metric: string;
  readonly scope: { readonly level: ScopeLevel; readonly id: string };
  readonly value: number;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly source: TargetSource;
  readonly comparativeDataDate: string | null;
  readonly reason: string | null;
  readonly benchmarkCondition: string | null;
  readonly benchmark: number | null;
  readonly changedBy: string;
  readonly changedAt: string;
  readonly closedBy: number | null;
}

export interface TargetInput {
  readonly metric: string;
  readonly scope: { readonly level: ScopeLevel; readonly id: string };
  readonly value: number;
  readonly effectiveFrom: string;
  readonly source: TargetSource;
  readonly comparativeDataDate?: string;
  readonly reason?: string;
  readonly benchmarkCondition?: string;
}

interface Named {
  readonly id: string;
  readonly name: string;
}

/** GET /api/organisation. */
export interface Organisation {
  readonly entities: readonly (Named & { provider?: string })[];
  readonly regions: readonly Named[];
  readonly locations: readonly (Named & { regionId?: string | null })[];
  readonly clients: readonly Named[];
  readonly services: readonly Named[];
  readonly programs: readonly (Named & { locationId?: string; serviceId?: string })[];
  readonly queues: readonly (Named & { programId?: string; channel?: string; kind?: string })[];
}

export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/** An import started from the app (GET /api/imports). */
export interface ImportSummary {
  readonly id: number;
  readonly dataset: string;
  readonly mapping: string | null;
  readonly files: readonly string[];
  /** `fail`: one bad row fails the import; `quarantine`: good rows load, bad ones go to the rejects file. */
  readonly onError: "fail" | "quarantine";
  readonly status: (typeof IMPORT_STATUSES)[number];
  /** How far through the files the load is, 0 to 1. */
  readonly progress: number;
  readonly alreadyLoaded: boolean;
  readonly rows: {
    readonly read: number;
    readonly loaded: number;
    readonly rejected: number;
    readonly excluded: number;
  };
  readonly excludedBy: Readonly<Record<string, number>>;
  readonly seconds: number | null;
  readonly error: string | null;
  readonly problemCount: number;
  readonly hasRejects: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** An import with its row problems (GET /api/imports/:id). */
export interface ImportDetail extends ImportSummary {
  readonly problems: readonly {
    readonly file: string;
    readonly line: number;
    readonly field: string;
    readonly value: string;
    readonly expected: string;
  }[];
}

/** A mapping shipped with cxpm, offered for an upload. */
export interface Mapping {
  readonly name: string;
  readonly dataset: string;
  readonly description: string;
}

/** An error the API sent: `{ error, details }` with one detail per field at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one field (e.g. `reason`, `scope.id`), if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: string; details?: { field: string; message: string }[] };
    return new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`, body.details);
  } catch {
    return new ApiError(response.status, `${response.status} ${response.statusText}: ${text.slice(0, 200)}`);
  }
}

/** A query string from the defined values, `?a=1&b=2` or "". */
export function queryString(query: Readonly<Record<string, string | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Reads a JSON document from the API; throws {@link ApiError} with the API's message. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** The name changes are recorded under in the audit log (kept in this browser). */
export const userName = {
  get: (): string => localStorage.getItem("cxpm.user") ?? "",
  set: (name: string) => localStorage.setItem("cxpm.user", name),
};

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const user = userName.get().trim();
  const response = await fetch(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(user ? { "x-cxpm-user": user } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export const api = {
  overview: (query: { from?: string | undefined; to?: string | undefined }, signal?: AbortSignal) =>
    getJson<Overview>(`/api/overview${queryString(query)}`, signal),
  summary: (query: SummaryQuery, signal?: AbortSignal) =>
    getJson<Summary>(`/api/summary${queryString({ ...query })}`, signal),
  /** Links to the exports of the same table. */
  summaryExport: (query: SummaryQuery, format: "csv" | "xlsx") => `/api/summary.${format}${queryString({ ...query })}`,
  metricDetail: (
    id: string,
    query: { scopeLevel?: string | undefined; scopeId?: string | undefined; from?: string; to?: string },
    signal?: AbortSignal,
  ) => getJson<MetricDetail>(`/api/metrics/${encodeURIComponent(id)}/detail${queryString(query)}`, signal),
  catalog: (signal?: AbortSignal) =>
    getJson<{ metrics: CatalogMetric[]; pack: { id: string; name: string; release: string } }>("/api/standard", signal),
  organisation: (signal?: AbortSignal) => getJson<Organisation>("/api/organisation", signal),
  targetsInForce: (month: string, signal?: AbortSignal) =>
    getJson<{ month: string; targets: Target[] }>(`/api/targets${queryString({ month })}`, signal),
  targetHistory: (query: { metric?: string; scopeLevel?: string; scopeId?: string }, signal?: AbortSignal) =>
    getJson<{ targets: Target[] }>(`/api/targets/history${queryString(query)}`, signal),
  setTarget: (input: TargetInput) => postJson<Target>("/api/targets", input),
  imports: (signal?: AbortSignal) => getJson<{ imports: ImportSummary[] }>("/api/imports", signal),
  importStatus: (id: number, signal?: AbortSignal) => getJson<ImportDetail>(`/api/imports/${id}`, signal),
  rejectsUrl: (id: number) => `/api/imports/${id}/rejects`,
  mappings: (signal?: AbortSignal) => getJson<{ mappings: Mapping[] }>("/api/mappings", signal),
  datasets: (signal?: AbortSignal) => getJson<{ datasets: Dataset[] }>("/api/datasets", signal),
  quality: {
    plan: (query: { program?: string }, signal?: AbortSignal) =>
      getJson<SamplePlan>(`/api/quality/plan${queryString(query)}`, signal),
    compliance: (query: { program: string; month: string }, signal?: AbortSignal) =>
      getJson<ComplianceReport>(`/api/quality/compliance${queryString(query)}`, signal),
    coaching: (query: { program: string; month: string }, signal?: AbortSignal) =>
      getJson<CoachingReport>(`/api/quality/coaching${queryString(query)}`, signal),
    calibration: (query: { program: string }, signal?: AbortSignal) =>
      getJson<CalibrationReport>(`/api/quality/calibration${queryString(query)}`, signal),
    cxLink: (query: { program: string }, signal?: AbortSignal) =>
      getJson<CxLink>(`/api/quality/cx-link${queryString(query)}`, signal),
  },
};

/**
 * Sends a file to POST /api/imports as multipart form data, reporting the upload's progress (0–1): fetch cannot
 * report upload progress, XMLHttpRequest can. Resolves with the import's id and status.
 */
export function uploadImport(
  form: { dataset: string; mapping: string | null; onError: ImportSummary["onError"]; file: File },
  onProgress: (share: number) => void,
): Promise<ImportDetail> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    // The fields before the file, so that the server knows what it is receiving before the bytes arrive.
    body.append("dataset", form.dataset);
    if (form.mapping) body.append("mapping", form.mapping);
    body.append("onError", form.onError);
    body.append("file", form.file, form.file.name);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports");
    request.setRequestHeader("accept", "application/json");
    const user = userName.get().trim();
    if (user) request.setRequestHeader("x-cxpm-user", user);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: Partial<ImportDetail> & { error?: string; details?: { field: string; message: string }[] } = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: reported below with the status line.
      }
      if (request.status >= 200 && request.status < 300 && typeof body.id === "number") {
        onProgress(1);
        resolve(body as ImportDetail);
      } else {
        reject(new ApiError(request.status, body.error ?? `upload failed: ${request.status}`, body.details ?? []));
      }
    };
    request.onerror = () => reject(new ApiError(0, "the upload could not reach the server; is it running?"));
    request.send(body);
  });
}

// ------------------------------------------------------------------------------------------------- quality

/** A share with its interval (0–1); nulls where nothing was measured. */
export interface Estimate {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface PlanRow {
  readonly program: string;
  readonly month: string;
  readonly work: "human" | "digital";
  readonly volume: number;
  readonly required: number | null;
  readonly monitored: number;
  readonly investigative: number;
  readonly achievedMargin: number | null;
  readonly worseThanPlan: boolean;
  readonly accuracy: Readonly<Record<"customer" | "business" | "compliance", Estimate & { monitored: number }>>;
}

export interface SamplePlan {
  readonly confidence: number;
  readonly margin: number;
  readonly rows: readonly PlanRow[];
}

export interface ComplianceReport {
  readonly program: string;
  readonly month: string;
  readonly quarter: string;
  readonly asOf: string;
  readonly csss: readonly {
    readonly css: string;
    readonly startedOn: string | null;
    readonly handled: number;
    readonly systematic: number;
    readonly failed: number;
    readonly due: number;
    readonly overdue: number;
    readonly checks: readonly {
      readonly check: string;
      readonly period: string;
      readonly transactionType?: string;
      readonly status: string;
    }[];
  }[];
}

export interface CoachingReport {
  readonly program: string;
  readonly month: string;
  readonly asOf: string;
  readonly settings: { readonly repeatFailures: number; readonly repeatWindowDays: number };
  readonly summary: Readonly<
    Record<
      | "failed"
      | "coached"
      | "coachedLate"
      | "due"
      | "overdue"
      | "followUps"
      | "followUpsOverdue"
      | "correctiveActions"
      | "removeFromCustomers",
      number
    >
  >;
  readonly csss: readonly {
    readonly css: string;
    readonly failed: readonly { evaluation: string; date: string; coachedOn: string | null; status: string }[];
    readonly followUp: { month: string; required: number; monitored: number; status: string } | null;
    readonly correctiveAction: { raisedOn: string; resolved: boolean; resolvedOn: string | null } | null;
    readonly removeFromCustomers: boolean;
  }[];
}

export interface AgreementShare {
  readonly compared: number;
  readonly agreed: number;
  readonly share: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CalibrationReport {
  readonly threshold: number;
  readonly quarters: readonly {
    readonly program: string;
    readonly quarter: string;
    readonly references: readonly string[];
    readonly missing: readonly string[];
    readonly evaluators: readonly (AgreementShare & {
      readonly evaluator: string;
      readonly transactions: number;
      readonly byAttribute: readonly (AgreementShare & { attribute: string })[];
      readonly kappa: { kappa: number | null; lower: number | null; upper: number | null };
      readonly belowThreshold: boolean;
    })[];
  }[];
}

export interface TopBoxRate {
  readonly transactions: number;
  readonly rate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CxLink {
  readonly topBoxes: number;
  readonly transactions: number;
  readonly classes: readonly {
    readonly errorClass: "customer" | "business" | "compliance" | "any";
    readonly withError: TopBoxRate;
    readonly withoutError: TopBoxRate;
    readonly difference: { estimate: number; lower: number; upper: number } | null;
    readonly costsSatisfaction: boolean;
  }[];
}

// ------------------------------------------------------------------------------------------------- wfm: forecast and target consistency

/** A queue as the WFM pickers offer it: busiest first, with the local span of its history. */
export interface WfmQueue {
  readonly id: string;
  readonly program: string;
  readonly channel: string;
  readonly kind: string;
  readonly slThresholdSeconds: number | null;
  readonly timeZone: string | null;
  readonly contacts: number;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

/** WAPE and MAPE of a forecast as shares; null where nothing arrived. */
export interface ForecastError {
  readonly wape: number | null;
  readonly mape: number | null;
}

/** Contacts and average handle time per interval of a day. */
export interface IntervalSeries {
  readonly contacts: readonly number[];
  readonly ahtSeconds: readonly (number | null)[];
}

export interface ForecastVsActual {
  readonly queue: string;
  readonly program: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly intervalMinutes: number;
  /** Local clock time each interval starts, "HH:MM". */
  readonly slots: readonly string[];
  /** The days the forecast was made from. */
  readonly history: { readonly from: string; readonly to: string };
  readonly lastDay: string;
  readonly from: string;
  readonly to: string;
  readonly backtest: {
    readonly holdoutFirstDay: string;
    readonly holdoutDays: number;
    readonly scores: readonly {
      readonly method: string;
      readonly wape: number | null;
      readonly mape: number | null;
      readonly wapeVsBaseline: number | null;
      readonly error?: string;
    }[];
  };
  /** The method chosen: lowest backtest WAPE. */
  readonly method: string;
  readonly days: readonly {
    readonly day: string;
    readonly forecast: IntervalSeries;
    /** Null after the history or on a gap in it. */
    readonly actual: IntervalSeries | null;
    readonly totals: { readonly forecast: number; readonly actual: number | null };
    readonly error: ForecastError | null;
  }[];
  readonly error: ForecastError | null;
}

/** A number the consistency judgement used and where it came from. */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

export type ConsistencyVerdict = "consistent" | "abandonment-target-looser" | "abandonment-target-tighter";

export interface ConsistencyReport {
  readonly queue: string | null;
  readonly month: string | null;
  readonly basis: "busiest" | "average";
  readonly intervalMinutes: number;
  readonly data: {
    readonly offered: number;
    readonly answered: number;
    readonly abandoned: number;
    readonly waitSeconds: number;
    readonly openIntervals: number;
    readonly busiest: { readonly start: string; readonly calls: number; readonly ahtSeconds: number | null } | null;
    readonly average: { readonly calls: number; readonly ahtSeconds: number | null } | null;
    readonly patienceSeconds: number | null;
  } | null;
  readonly inputs: Readonly<
    Record<
      "calls" | "ahtSeconds" | "patienceSeconds" | "thresholdSeconds" | "serviceLevelTarget" | "abandonmentTarget",
      Sourced
    >
  > & { readonly tolerance: number };
  /** Offered load in Erlangs. */
  readonly load: number;
  readonly result: {
    readonly consistent: boolean;
    readonly verdict: ConsistencyVerdict;
    readonly agents: number;
    readonly serviceLevel: number;
    readonly impliedAbandonment: number;
    readonly agentsForAbandonmentTarget: number;
    readonly asaSeconds: number;
    readonly occupancy: number;
  };
  readonly explanation: string;
  readonly curve: readonly { readonly agents: number; readonly serviceLevel: number; readonly abandonment: number }[];
}

/** The "what if" numbers of the target-consistency page; each replaces the queue's own. */
export interface ConsistencyQuery {
  readonly queue?: string | undefined;
  readonly month?: string | undefined;
  readonly basis?: string | undefined;
  readonly calls?: string | undefined;
  readonly ahtSeconds?: string | undefined;
  readonly patienceSeconds?: string | undefined;
  readonly thresholdSeconds?: string | undefined;
  readonly serviceLevelTarget?: string | undefined;
  readonly abandonmentTarget?: string | undefined;
}

/** GET /api/wfm/queues, forecast and target-consistency. */
export const wfmApi = {
  queues: (signal?: AbortSignal) => getJson<{ queues: WfmQueue[] }>("/api/wfm/queues", signal),
  forecast: (
    query: { queue: string; from?: string | undefined; days?: string | undefined; interval?: string | undefined },
    signal?: AbortSignal,
  ) => getJson<ForecastVsActual>(`/api/wfm/forecast${queryString(query)}`, signal),
  targetConsistency: (query: ConsistencyQuery, signal?: AbortSignal) =>
    getJson<ConsistencyReport>(`/api/wfm/target-consistency${queryString({ ...query })}`, signal),
};

// ------------------------------------------------------------------------------------------------- wfm: capacity plans and schedules

/** A stored plan as lists show it: its headline numbers, not its result. */
export interface WfmPlanItem<S> {
  readonly id: number;
  readonly queue: string;
  readonly name: string;
  readonly firstDay: string;
  readonly days: number;
  readonly status: "draft" | "published";
  readonly summary: S;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly publishedBy: string | null;
  readonly publishedAt: string | null;
}

export interface CapacitySummary {
  readonly weeks: number;
  readonly peakRequiredFte: number;
  readonly headcount: number;
  readonly weeksShort: number;
  readonly recommendedHires: number;
  readonly hireBy: string | null;
}

export interface ScheduleSummary {
  readonly agents: number;
  readonly coveredShare: number;
  readonly shortHours: number;
  readonly lpGap: number;
  readonly objective: number;
  readonly lpBound: number;
  readonly status: string;
  readonly solveSeconds: number;
}

export interface CapacityWeek {
  readonly week: string;
  readonly contacts: number;
  readonly workloadHours: number;
  readonly requiredFte: number;
  readonly leavers: number;
  readonly hiresArriving: number;
  readonly plannedFte: number;
  /** Required − planned: positive is short. */
  readonly gapFte: number;
  readonly hireBy: string | null;
  readonly late: boolean;
  readonly recommendedStarts: number;
  readonly recommendedFte: number;
}

export interface CapacityPlanDetail extends WfmPlanItem<CapacitySummary> {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly result: {
    readonly timeZone: string;
    readonly forecast: { readonly method: string; readonly historyTo: string };
    readonly method: "erlang-c" | "workload";
    readonly weeks: readonly CapacityWeek[];
    readonly recommendedHires: number;
    readonly weeksShort: number;
    readonly weeksLate: number;
    readonly settings: {
      readonly headcount: number;
      readonly headcountFrom: string;
      readonly thresholdSeconds: number;
    };
    /** The shrinkage allowed for: `given`, or the forecast it came from; absent from older plans. */
    readonly shrinkage?: { readonly from: string; readonly weekly: number; readonly byWeekday: readonly number[] };
  };
}

export interface ScheduleIntervalRow {
  /** Local start, YYYY-MM-DDTHH:MM. */
  readonly start: string;
  readonly contacts: number;
  readonly agents: number;
  readonly required: number;
  readonly scheduled: number;
  readonly short: number;
  readonly over: number;
}

export interface SchedulePlanDetail extends WfmPlanItem<ScheduleSummary> {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly result: {
    readonly timeZone: string;
    readonly intervalMinutes: number;
    readonly forecast: { readonly method: string; readonly historyTo: string };
    readonly intervals: readonly ScheduleIntervalRow[];
    readonly totals: {
      readonly requiredHours: number;
      readonly scheduledHours: number;
      readonly shortHours: number;
      readonly overHours: number;
      readonly paidHours: number;
      readonly coveredShare: number;
      readonly intervalsShort: number;
      readonly agents: number;
      readonly shifts: number;
    };
    readonly solver: {
      readonly status: string;
      readonly objective: number;
      readonly lpBound: number;
      readonly lpGap: number;
    };
    readonly roster: readonly {
      readonly id: string;
      readonly pattern: string;
      readonly days: readonly {
        readonly day: string;
        readonly off?: true;
        readonly start?: string;
        readonly end?: string;
        readonly breaks?: readonly { readonly start: string; readonly minutes: number }[];
      }[];
    }[];
  };
}

export interface PublishedPlan {
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly daysRecomputed: number;
}

async function deleteJson(path: string): Promise<void> {
  const user = userName.get().trim();
  const response = await fetch(path, { method: "DELETE", headers: user ? { "x-cxpm-user": user } : {} });
  if (!response.ok) throw await failure(response);
}

/** The calls of one kind of plan under `/api/wfm/<path>`. */
const planCalls = <S, D>(path: string) => ({
  list: (queue: string | undefined, signal?: AbortSignal) =>
    getJson<{ plans: WfmPlanItem<S>[] }>(`/api/wfm/${path}${queryString({ queue })}`, signal),
  get: (id: number, signal?: AbortSignal) => getJson<D>(`/api/wfm/${path}/${id}`, signal),
  create: (input: Readonly<Record<string, unknown>>) => postJson<D>(`/api/wfm/${path}`, input),
  publish: (id: number) => postJson<PublishedPlan>(`/api/wfm/${path}/${id}/publish`, {}),
  remove: (id: number) => deleteJson(`/api/wfm/${path}/${id}`),
});

/** The calls of one kind of plan: list, get, create, publish, remove. */
export type PlanCalls<S, D> = ReturnType<typeof planCalls<S, D>>;

/** /api/wfm/capacity-plans and /api/wfm/schedules. */
export const wfmPlansApi = {
  capacity: planCalls<CapacitySummary, CapacityPlanDetail>("capacity-plans"),
  schedules: planCalls<ScheduleSummary, SchedulePlanDetail>("schedules"),
};

// ------------------------------------------------------------------------------------------------- quality: frequent errors

export type AttributeClass = "customer-critical" | "business-critical" | "compliance-critical" | "non-critical";

/** One failed attribute of the Pareto (GET /api/quality/pareto). */
export interface ParetoAttribute {
  readonly attribute: string;
  readonly label: string | null;
  readonly class: AttributeClass | null;
  readonly failures: number;
  readonly share: number;
  readonly cumulativeShare: number;
  readonly vitalFew: boolean;
  readonly ratePer100: number;
  readonly months: readonly { readonly month: string; readonly failures: number; readonly ratePer100: number | null }[];
}

/** The frequent errors (2.7.2) and how the stored critical-error flags agree with the answers (3.5.1.e). */
export interface ParetoReport {
  readonly program: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly classes: "all" | "critical";
  readonly months: readonly string[];
  readonly evaluations: number;
  readonly evaluationsByMonth: readonly { readonly month: string; readonly evaluations: number }[];
  readonly failures: number;
  readonly attributes: readonly ParetoAttribute[];
  readonly consistency: {
    readonly evaluations: number;
    readonly failed: number;
    readonly nonCriticalOnly: number;
    readonly disagreeing: number;
    readonly disagreeingBy: { readonly customer: number; readonly business: number; readonly compliance: number };
    readonly examples: readonly string[];
    readonly unknownAttributes: number;
  };
}

export interface ParetoQuery {
  readonly program?: string;
  readonly queue?: string;
  readonly team?: string;
  readonly agent?: string;
  readonly from?: string;
  readonly to?: string;
  readonly class?: "all" | "critical";
}

/** GET /api/quality/pareto. */
export const qualityPareto = (query: ParetoQuery, signal?: AbortSignal) =>
  getJson<ParetoReport>(`/api/quality/pareto${queryString({ ...query })}`, signal);

// ------------------------------------------------------------------------------------------------- wfm: real time

/** One interval of the real-time day (GET /api/wfm/realtime). */
export interface RealtimeInterval {
  readonly time: string;
  readonly startsAt: string;
  readonly phase: "elapsed" | "current" | "ahead";
  readonly forecast: number;
  readonly actual: number | null;
  readonly reforecast: number;
  readonly forecastAhtSeconds: number | null;
  readonly actualAhtSeconds: number | null;
  readonly reforecastAhtSeconds: number | null;
  readonly requiredForecast: number;
  readonly requiredReforecast: number;
  readonly scheduled: number;
  readonly present: number | null;
  readonly attainment: number | null;
  readonly inBand: boolean | null;
}

export interface RealtimeAgent {
  readonly agentId: string;
  readonly overlap: number | null;
  readonly deviation: number | null;
  readonly scheduledMinutes: number;
  readonly outOfAdherenceMinutes: number;
  readonly scheduledNow: string | null;
  readonly stateNow: string;
  readonly inAdherenceNow: boolean | null;
  readonly intervals: readonly { readonly scheduled: string | null; readonly actual: string | null }[];
}

export type RealtimeAlert =
  | {
      readonly kind: "volume" | "handle-time";
      readonly deviation: number;
      readonly threshold: number;
      readonly fromInterval: number;
      readonly toInterval: number;
      readonly forecast: number;
      readonly actual: number;
    }
  | {
      readonly kind: "understaffed";
      readonly interval: number;
      readonly required: number;
      readonly staff: number;
      readonly short: number;
    }
  | {
      readonly kind: "out-of-adherence";
      readonly agentId: string;
      readonly start: number;
      readonly end: number;
      readonly minutes: number;
      readonly ongoing: boolean;
    };

export interface RealtimeReport {
  readonly queue: string;
  readonly program: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly day: string;
  readonly at: string;
  readonly now: string;
  readonly intervalMinutes: number;
  readonly forecastMethod: string;
  readonly serviceLevel: { readonly target: number; readonly thresholdSeconds: number };
  readonly threshold: number;
  readonly reforecast: {
    readonly ratio: number | null;
    readonly arrived: number;
    readonly volumeFactor: number;
    readonly handleTimeFactor: number;
    readonly dayForecast: number;
    readonly dayReforecast: number;
  };
  readonly attainment: { readonly deviation: number | null; readonly inBand: number | null };
  readonly adherence: { readonly overlap: number | null; readonly deviation: number | null };
  readonly intervals: readonly RealtimeInterval[];
  readonly agents: readonly RealtimeAgent[];
  readonly alerts: readonly RealtimeAlert[];
}

/** GET /api/wfm/realtime. */
export const realtimeApi = {
  report: (
    query: { queue: string; day?: string | undefined; at?: string | undefined; threshold?: string | undefined },
    signal?: AbortSignal,
  ) => getJson<RealtimeReport>(`/api/wfm/realtime${queryString(query)}`, signal),
};
