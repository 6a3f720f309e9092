/**
 * The canonical datasets importers produce. Names and meanings follow DESIGN.md; every metric query reads
 * these and nothing else.
 */
import { col, type Table, table } from "./define.ts";

export const CONTACT_KINDS = [
  "real-time",
  "deferred",
  "outbound",
  "face-to-face",
  "bot",
  "self-service",
  "back-office",
] as const;

export const locations = table({
  name: "locations",
  description: "Sites of the entity, each in one region and one IANA time zone.",
  naturalKey: ["location_id"],
  columns: {
    location_id: col.text.required("Stable id of the location."),
    name: col.text("Display name."),
    region: col.text("Group of locations the location belongs to (Item 4.6.4.b)."),
    time_zone: col.text.required("IANA time zone, e.g. Asia/Jerusalem; local days and intervals are cut in it."),
  },
});

export const programs = table({
  name: "programs",
  description: "A client × service delivered at one location; the finest scope most metrics are managed at.",
  naturalKey: ["program_id"],
  columns: {
    program_id: col.text.required("Stable id of the program."),
    name: col.text("Display name."),
    client: col.text("Client the program serves (the entity itself for a CSP)."),
    service: col.text.required("Service, e.g. customer-service or tech-support (Item 4.6.4.c)."),
    location_id: col.text.required("Location that delivers the program."),
  },
});

export const queues = table({
  name: "queues",
  description: "A queue or key customer-related process (KCRP) of a program, with its channel, kind and targets.",
  naturalKey: ["queue_id"],
  columns: {
    queue_id: col.text.required("Stable id of the queue or KCRP."),
    program_id: col.text.required("Program the queue belongs to."),
    channel: col.text.required("voice, chat, email, social, messaging, web, app, retail, back-office, outbound…"),
    kind: col.text.required({ description: "How the Standard groups its metrics.", values: CONTACT_KINDS }),
    sl_threshold_seconds: col.double({ description: "Answer threshold for service level.", unit: "seconds" }),
    target_cycle_seconds: col.double({ description: "Target cycle time for deferred work.", unit: "seconds" }),
  },
});

export const contacts = table({
  name: "contacts",
  description: "One customer transaction in any channel, traced from arrival through queue and handling.",
  naturalKey: ["source", "source_id"],
  columns: {
    source: col.text.required("System or file family the row came from, e.g. anonymous-bank."),
    source_id: col.text.required("Id of the transaction in its source; unique within the source."),
    program_id: col.text.required("Program the transaction belongs to."),
    queue_id: col.text("Queue or KCRP it entered."),
    channel: col.text.required("Channel, as for queues."),
    kind: col.text.required({
      description:
        "The Standard's group: real-time and deferred human work (human back-office cases are deferred), outbound, face-to-face, bot (digital conversational), self-service (digital non-conversational), back-office (digital back-stage automation).",
      values: CONTACT_KINDS,
    }),
    time_zone: col.text.required("IANA time zone of the location; days and intervals are cut in it."),
    agent_id: col.text("CSS who handled it."),
    customer_id: col.text("Customer, when known."),
    case_id: col.text("Case the transaction belongs to, for multi-interaction work."),
    arrived_at: col.timestamp.required("When the customer made contact (entered the IVR, sent the email…)."),
    offered_at: col.timestamp("When it was offered to the agent queue; empty if it never reached the queue."),
    answered_at: col.timestamp("When a CSS answered (first manual response for chat)."),
    abandoned_at: col.timestamp("When the customer abandoned before being answered."),
    completed_at: col.timestamp("When handling ended (for cases: closed)."),
    due_at: col.timestamp("When it is due under its target cycle time (deferred work)."),
    wait_seconds: col.double({ description: "Time in the agent queue until answer or abandonment.", unit: "seconds" }),
    talk_seconds: col.double({ description: "Talk or active handling time.", unit: "seconds" }),
    hold_seconds: col.double({ description: "Customer on hold during handling.", unit: "seconds" }),
    acw_seconds: col.double({ description: "After-contact work.", unit: "seconds" }),
    callback: col.text({
      description:
        "Callback choice: kept-place (waits in virtual queue), unreachable (not reached at callback), later (asked to be called another time).",
      values: ["none", "kept-place", "unreachable", "later"],
    }),
    resolved: col.boolean("The customer's issue was resolved."),
    first_contact: col.boolean("Resolved on first contact."),
    escalated: col.boolean("Escalated to another team."),
    escalated_correctly: col.boolean("The escalation was correct."),
    sale: col.boolean("A sale was made."),
    sale_value: col.decimal({ description: "Value of the sale.", unit: "currency" }),
    session_abandoned: col.boolean("Chat: the customer left after the dialogue was established."),
    transferred_to_human: col.boolean("Bot: handed over to a human."),
    agent_replies: col.double("Chat: CSS messages that answered a customer message."),
    reply_wait_seconds: col.double({
      description: "Chat: over those replies, the seconds from each customer message to the CSS's answer.",
      unit: "seconds",
    }),
    chat_invitation: col.text({
      description:
        "Proactive chat: the customer was invited and accepted (the chat follows in this row) or declined (no queue time).",
      values: ["accepted", "declined"],
    }),
    right_party: col.boolean("Outbound: this attempt reached the intended person."),
    record_closed: col.boolean(
      "Outbound: this attempt closed the list record out: the person was reached, retries were used up, or the record proved unreachable.",
    ),
    lead_qualifying: col.boolean("The transaction qualified for lead generation."),
    lead: col.boolean("A lead was generated from it."),
    eligible: col.boolean(
      "Digital: the customer engaged meaningfully while seeking information or a resolution (eligible for service).",
    ),
    completed_in_service: col.boolean("Digital: the customer finished it with the digital service's own functions."),
    deflected: col.boolean("Digital: it was kept from reaching a human channel."),
    messages: col.double("Bot: messages the system sent in the conversation."),
    inputs: col.double("Bot: customer inputs (intents) checked for recognition."),
    inputs_recognized: col.double("Bot: of those, the inputs recognised and acted on correctly."),
    confidence_sum: col.double("Bot: sum of the confidence the system gave its readings of those inputs (0–1 each)."),
    rework: col.boolean("Face to face: a repair done in the visit had to be reworked; empty when no repair was done."),
    ivr_outcome: col.text({
      description:
        "Voice: how the call left the IVR: self-served, abandoned (hung up without completing any task), opted-out (asked for a CSS at once), errored-out (no or invalid input), routed (sent on to a queue through the menu).",
      values: ["self-served", "abandoned", "opted-out", "errored-out", "routed"],
    }),
    routed_as_designed: col.boolean("IVR: delivered to the queue the IVR design assigns to the path taken."),
    intent_matched: col.boolean("IVR: the path taken matched the real reason for the call, as the CSS recorded it."),
    out_of_stock: col.boolean("An order in it could not be fulfilled for lack of stock."),
  },
});

export const agentTime = table({
  name: "agent_time",
  description: "How a CSS's paid time was spent, per agent × program × interval (or day).",
  naturalKey: ["agent_id", "program_id", "starts_at"],
  columns: {
    agent_id: col.text.required("The CSS."),
    program_id: col.text.required("Program the time was worked for."),
    kind: col.text.required({ description: "Kind of work, which decides the metric group.", values: CONTACT_KINDS }),
    time_zone: col.text.required("IANA time zone of the location."),
    starts_at: col.timestamp.required("Start of the interval or day."),
    paid_seconds: col.double({ description: "All paid time.", unit: "seconds" }),
    paid_onsite_seconds: col.double.required({
      description: "Paid time on site (or logged in, for home workers): the base of utilization.",
      unit: "seconds",
    }),
    productive_seconds: col.double.required({
      description: "Handling customer work: talk, hold, after-contact work, other customer transactions.",
      unit: "seconds",
    }),
    available_seconds: col.double.required({ description: "Ready and waiting for a transaction.", unit: "seconds" }),
    scheduled_seconds: col.double({ description: "Time the CSS was scheduled to work.", unit: "seconds" }),
    adherent_seconds: col.double({
      description:
        "Of the scheduled time, the seconds spent on the scheduled activity (work, break, meeting, coaching) at its scheduled time: schedule adherence.",
      unit: "seconds",
    }),
    chat_engaged_seconds: col.double({
      description: "Chat: time with one or more chats open, the base of concurrency.",
      unit: "seconds",
    }),
  },
});

export const qaEvaluations = table({
  name: "qa_evaluations",
  description: "One monitored transaction and whether it had a customer-, business- or compliance-critical error.",
  naturalKey: ["source", "evaluation_id"],
  columns: {
    source: col.text.required("QA system the evaluation came from."),
    evaluation_id: col.text.required("Id of the evaluation in its source."),
    program_id: col.text.required("Program of the monitored transaction."),
    queue_id: col.text("Queue of the monitored transaction."),
    kind: col.text.required({ description: "Kind of the monitored transaction.", values: CONTACT_KINDS }),
    time_zone: col.text.required("IANA time zone of the location."),
    evaluated_at: col.timestamp.required("When the transaction was monitored; it counts in that local month."),
    contact_id: col.text("source_id of the monitored contact, when known."),
    agent_id: col.text("The CSS monitored."),
    evaluator_id: col.text("Who evaluated."),
    mode: col.text({ description: "How it was monitored.", values: ["remote", "side-by-side", "recorded", "system"] }),
    purpose: col.text({
      description:
        "Why it was monitored: systematic, the on-going monitoring of the CSS (also when empty), or investigative, looking into a known issue such as long handle times; investigative monitoring is kept apart from systematic (3.5.1.d).",
      values: ["systematic", "investigative"],
    }),
    customer_critical_error: col.boolean.required("At least one error that harms the customer."),
    business_critical_error: col.boolean.required("At least one error that harms the business."),
    compliance_critical_error: col.boolean.required("At least one error that breaks a legal or regulatory rule."),
    defect: col.boolean("The item checked held at least one error of any kind: the base of defect rates."),
    coached_at: col.timestamp(
      "When the CSS was coached one-on-one on this transaction; empty when not (yet) coached (3.5.2.c.ii).",
    ),
    form_id: col.text(
      "QA form the transaction was scored on, as in qa_form_attributes; its answers are in qa_answers.",
    ),
    form_version: col.integer("Version of that form in force when the transaction was scored."),
  },
});

/** How a failed attribute of a QA form counts: one of the three classes of critical error, or not critical. */
export const ATTRIBUTE_CLASSES = [
  "customer-critical",
  "business-critical",
  "compliance-critical",
  "non-critical",
] as const;

export const qaFormAttributes = table({
  name: "qa_form_attributes",
  description:
    "One attribute (question) of one version of a QA form, with the class of error a failed answer is. A form changes by a new version with all its attributes; evaluations name the version they were scored on.",
  naturalKey: ["source", "form_id", "form_version", "attribute"],
  columns: {
    source: col.text.required("QA system the form came from."),
    form_id: col.text.required("Stable id of the form, the same across its versions."),
    form_version: col.integer.required("Version of the form: 1, 2, …"),
    attribute: col.text.required("Stable id of the attribute within the form."),
    label: col.text("The question as evaluators read it."),
    class: col.text.required({
      description:
        "What a failure of the attribute is: a customer-, business- or compliance-critical error, or a non-critical one (a defect that does not fail the transaction).",
      values: ATTRIBUTE_CLASSES,
    }),
    weight: col.double("Points of the attribute in a weighted form score; empty when the form is not weighted."),
    valid_from: col.date.required("First local day the version is in force."),
  },
});

export const qaAnswers = table({
  name: "qa_answers",
  description:
    "The answer to one attribute of the form in one QA evaluation: passed, failed or not applicable. A failed attribute's class, from qa_form_attributes, says which critical error the evaluation holds.",
  naturalKey: ["source", "evaluation_id", "attribute"],
  columns: {
    source: col.text.required("QA system, as in qa_evaluations."),
    evaluation_id: col.text.required("The evaluation, as in qa_evaluations."),
    form_id: col.text.required("Form the evaluation was scored on."),
    form_version: col.integer.required("Version of the form."),
    attribute: col.text.required("Attribute of that version of the form."),
    result: col.text.required({ description: "The answer.", values: ["pass", "fail", "not-applicable"] }),
  },
});

export const calibrationScores = table({
  name: "calibration_scores",
  description:
    "One evaluator's answer for one attribute of one transaction scored in a calibration session, where evaluators score the same transactions as the session's reference (gauge) (2.7.3).",
  naturalKey: ["source", "session_id", "contact_id", "evaluator_id", "attribute"],
  columns: {
    source: col.text.required("QA system the session came from."),
    session_id: col.text.required("Id of the calibration session in its source."),
    session_date: col.date.required("Local date of the session; it counts in that quarter."),
    program_id: col.text.required("Program whose transactions were scored."),
    contact_id: col.text.required("source_id of the transaction scored."),
    evaluator_id: col.text.required("Who scored."),
    reference: col.boolean.required("This evaluator is the session's reference (gauge): one per session."),
    attribute: col.text.required("Attribute (question) of the QA form."),
    score: col.text.required("The answer given, as a label (yes, no, n/a) or a number written as text."),
  },
});

export const surveys = table({
  name: "surveys",
  description:
    "One customer's answer to the overall satisfaction question, on its scale, and to a question about the service journey when the survey asks one.",
  naturalKey: ["source", "response_id"],
  columns: {
    source: col.text.required("Survey system."),
    response_id: col.text.required("Id of the response in its source."),
    program_id: col.text.required("Program the surveyed transaction belongs to."),
    time_zone: col.text.required("IANA time zone of the location."),
    answered_at: col.timestamp.required("When the customer answered; it counts in that local month."),
    contact_id: col.text("source_id of the surveyed contact, when known."),
    overall_satisfaction: col.double.required("Answer to the overall satisfaction question."),
    scale_max: col.double.required({ description: "Top of the scale (5 for a 1–5 scale); the scale starts at 1." }),
    journey: col.text("Service journey the journey question was about (2.1.1)."),
    journey_score: col.double(
      "Answer to the journey question (e.g. customer effort), turned so that higher is a better experience.",
    ),
  },
});

export const listRecords = table({
  name: "list_records",
  description:
    "One record of an outbound calling list (a prospect, an account to collect): when it was supplied, when the campaign plan needs it first attempted, and what became of it. Dial attempts are contacts of kind outbound.",
  naturalKey: ["source", "record_id"],
  columns: {
    source: col.text.required("Dialer or list system the row came from."),
    record_id: col.text.required("Id of the record in its source."),
    program_id: col.text.required("Program running the campaign."),
    list_id: col.text("List or campaign the record belongs to."),
    time_zone: col.text.required("IANA time zone of the location that works the list."),
    supplied_at: col.timestamp.required("When the record was supplied for dialing (put on the list)."),
    plan_by: col.timestamp(
      "When the plan needs the record first attempted so that the list is finished by its completion date; later than that, while not attempted, it is late.",
    ),
    first_attempt_at: col.timestamp("First dial attempt; empty while not attempted."),
    closed_at: col.timestamp("When the record was closed out (reached, retries used up, or unreachable)."),
    contacted: col.boolean("The dialer reached someone on the record."),
    trace_attempted: col.boolean("The record lacked valid contact details and tracing tried to find them."),
    traced: col.boolean("Tracing found the prospect's contact details."),
  },
});

export const networkIntervals = table({
  name: "network_intervals",
  description:
    "Calls presented to a trunk group of the contact center's lines per interval, from the carrier or the switch: those blocked (busy signal) before reaching the IVR or ACD, and the channels in use at the busiest moment.",
  naturalKey: ["program_id", "trunk_group", "starts_at"],
  columns: {
    program_id: col.text.required("Program whose calls the trunk group carries."),
    trunk_group: col.text.required("Trunk group or line group."),
    time_zone: col.text.required("IANA time zone of the location."),
    starts_at: col.timestamp.required("Start of the interval."),
    interval_minutes: col.double({ description: "Length of the interval.", unit: "minutes" }),
    calls_offered: col.double.required("Calls presented to the lines, blocked ones included."),
    calls_blocked: col.double.required("Calls that got a busy signal for lack of capacity or by the settings."),
    peak_channels_in_use: col.double("Most channels in use at once in the interval."),
    channels: col.double("Channels the trunk group has."),
  },
});

export const stockCounts = table({
  name: "stock_counts",
  description: "One SKU counted in a cycle count at a face-to-face location: the book quantity against the count.",
  naturalKey: ["source", "count_id", "sku"],
  columns: {
    source: col.text.required("Stock system the row came from."),
    count_id: col.text.required("Id of the cycle count."),
    sku: col.text.required("Stock-keeping unit counted."),
    program_id: col.text.required("Program (location) whose stock was counted."),
    time_zone: col.text.required("IANA time zone of the location."),
    counted_at: col.timestamp.required("When the count was made."),
    book_quantity: col.double.required("Quantity the books held (units, or value when counted in value)."),
    counted_quantity: col.double.required("Quantity found, in the same unit."),
  },
});

export const footfall = table({
  name: "footfall",
  description:
    "People entering a face-to-face location, from its door counter, per program and interval (or day); visits registered for service are contacts of kind face-to-face.",
  naturalKey: ["program_id", "starts_at"],
  columns: {
    program_id: col.text.required("Program (the location or group of locations) counted."),
    time_zone: col.text.required("IANA time zone of the location."),
    starts_at: col.timestamp.required("Start of the interval counted."),
    interval_minutes: col.double({ description: "Length of the interval.", unit: "minutes" }),
    people: col.double.required("People who came in."),
  },
});

export const mysteryShops = table({
  name: "mystery_shops",
  description:
    "One mystery-shopping visit to a face-to-face location and its overall quality score. Load one score per location and period (averaging repeat visits) to follow the Standard's count of locations shopped.",
  naturalKey: ["source", "shop_id"],
  columns: {
    source: col.text.required("Shopping provider or program."),
    shop_id: col.text.required("Id of the visit."),
    program_id: col.text.required("Program (location) shopped."),
    location_id: col.text("Location shopped, when the program spans several."),
    time_zone: col.text.required("IANA time zone of the location."),
    shopped_at: col.timestamp.required("When the location was shopped; it counts in that local month."),
    score: col.double.required("Overall location quality score, on the shopping provider's scale."),
  },
});

export const employeeSurveys = table({
  name: "employee_surveys",
  description:
    "One staff member's answer to the overall satisfaction question of the employee survey, or of a survey at a point of the employee lifecycle (hiring, onboarding, training, exit…).",
  naturalKey: ["source", "response_id"],
  columns: {
    source: col.text.required("Survey system."),
    response_id: col.text.required("Id of the response in its source."),
    program_id: col.text.required("Program the respondent works in."),
    time_zone: col.text.required("IANA time zone of the location."),
    answered_at: col.timestamp.required("When the survey was answered; it counts in that local month."),
    survey: col.text.required({
      description:
        "overall: the employee satisfaction survey; lifecycle: a survey at a point of the employee lifecycle.",
      values: ["overall", "lifecycle"],
    }),
    lifecycle_point: col.text("For lifecycle surveys: the point, e.g. hiring, onboarding, training, exit."),
    role: col.text({
      description: "Job of the respondent (staff in customer-related jobs are the ones counted).",
      values: ["css", "team-leader", "support", "other"],
    }),
    overall_satisfaction: col.double.required("Answer to the satisfaction question."),
    scale_max: col.double.required({ description: "Top of the scale (5 for a 1–5 scale); the scale starts at 1." }),
  },
});

export const clientSurveys = table({
  name: "client_surveys",
  description: "One client's answer to the overall satisfaction question about the entity as its provider (OSP).",
  naturalKey: ["source", "response_id"],
  columns: {
    source: col.text.required("Survey system."),
    response_id: col.text.required("Id of the response in its source."),
    program_id: col.text.required("Program the client contact is responsible for."),
    time_zone: col.text.required("IANA time zone of the location."),
    answered_at: col.timestamp.required("When the client answered; it counts in that local month."),
    overall_satisfaction: col.double.required("Answer to the overall satisfaction question."),
    scale_max: col.double.required({ description: "Top of the scale (5 for a 1–5 scale); the scale starts at 1." }),
  },
});

export const complaints = table({
  name: "complaints",
  description:
    "A complaint: any negative comment from a client about the entity's services or staff, or from a customer. Each is counted in the local month it was received, with whether it was answered and resolved in time.",
  naturalKey: ["source", "complaint_id"],
  columns: {
    source: col.text.required("System or log the row came from."),
    complaint_id: col.text.required("Id of the complaint in its source."),
    program_id: col.text.required("Program complained about."),
    time_zone: col.text.required("IANA time zone of the location."),
    complainant: col.text.required({ description: "Who complained.", values: ["client", "customer"] }),
    received_at: col.timestamp.required("When the complaint was received."),
    respond_by: col.timestamp("Deadline for the first response; empty: the default target time after receipt."),
    responded_at: col.timestamp("When it was first answered; empty while not answered."),
    resolve_by: col.timestamp("Deadline for resolution; empty: the default target time after receipt."),
    resolved_at: col.timestamp("When it was resolved; empty while open."),
    category: col.text("What it was about, for analysis."),
  },
});

/** Parts of service delivery a cost belongs to: human assisted, or one of the digital groups. */
export const COST_CHANNELS = [
  "human",
  "digital-conversational",
  "digital-non-conversational",
  "digital-back-stage",
] as const;

export const costs = table({
  name: "costs",
  description:
    "Cost of delivering service, by program, channel and category, booked to a local day (the first of the month for monthly costs). Amounts in one currency per entity.",
  naturalKey: ["program_id", "booked_on", "channel", "category"],
  columns: {
    program_id: col.text.required("Program the cost is for (shared costs allocated to programs)."),
    booked_on: col.date.required("Day the cost belongs to; monthly costs on the month's first day."),
    channel: col.text.required({ description: "Human assisted service, or the digital group.", values: COST_CHANNELS }),
    category: col.text.required("Kind of cost, e.g. labour, technology, facilities, overhead."),
    amount: col.decimal.required({ description: "Cost.", unit: "currency" }),
    currency: col.text("ISO 4217 code; costs of one entity are expected in one currency."),
  },
});

export const costDrivers = table({
  name: "cost_drivers",
  description:
    "Units of a cost driver (the X of cost per X: contacts handled, customers served, resolutions, customers in the base…) per program and local day.",
  naturalKey: ["program_id", "counted_on", "driver"],
  columns: {
    program_id: col.text.required("Program counted."),
    counted_on: col.date.required("Local day counted; a monthly count on the month's first day."),
    driver: col.text.required("Name of the driver; cost per X uses the one chosen in the settings."),
    units: col.double.required("Units of the driver."),
  },
});

export const workforceIntervals = table({
  name: "workforce_intervals",
  description:
    "One staffing interval (15, 30 or 60 minutes) of a queue or staff group: the volume forecast and received, and the staff forecast, required, scheduled and present. Staff are FTEs over the interval (30 minutes of one person in a 30-minute interval is 1).",
  naturalKey: ["program_id", "queue_id", "starts_at"],
  columns: {
    program_id: col.text.required("Program of the queue."),
    queue_id: col.text.required("Queue, KCRP or staff group the plan covers."),
    kind: col.text.required({
      description: "Kind of work; real-time and deferred intervals count for those groups' schedule attainment.",
      values: CONTACT_KINDS,
    }),
    time_zone: col.text.required("IANA time zone of the location."),
    starts_at: col.timestamp.required("Start of the interval."),
    interval_minutes: col.double.required({ description: "Length of the interval.", unit: "minutes" }),
    forecast_contacts: col.double("Transactions forecast for the interval when the schedule was made."),
    actual_contacts: col.double("Transactions that arrived in the interval."),
    capacity_plan_staff: col.double({
      description: "Staff the capacity plan forecast, as far ahead as hiring and training take (staffing forecast).",
      unit: "FTE",
    }),
    planned_staff: col.double({
      description:
        "Staff the scheduling forecast required; for a queue shared between locations, the client's staffing plan for this location.",
      unit: "FTE",
    }),
    required_staff: col.double({
      description: "Staff actually required, recalculated from the volume and handle time that happened.",
      unit: "FTE",
    }),
    scheduled_staff: col.double({ description: "Staff on the schedule.", unit: "FTE" }),
    actual_staff: col.double({ description: "Staff present and available for the queue's work.", unit: "FTE" }),
  },
});

/** What a CSS can be scheduled to do (agent_schedules) and, with the phone system's work states, doing (agent_states). */
export const SCHEDULED_ACTIVITIES = ["work", "break", "lunch", "meeting", "coaching", "training", "off-phone"] as const;
export const AGENT_STATE_VALUES = [...SCHEDULED_ACTIVITIES, "available", "talk", "hold", "acw"] as const;

export const agentSchedules = table({
  name: "agent_schedules",
  description:
    "One scheduled activity of a CSS: a block of work, a break, lunch, a meeting, coaching, training or other off-phone work, as published by the scheduling tool. Real-time adherence sets it against agent_states.",
  naturalKey: ["source", "agent_id", "starts_at"],
  columns: {
    source: col.text.required("Scheduling system or file family the row came from."),
    agent_id: col.text.required("The CSS."),
    program_id: col.text.required("Program the CSS is scheduled for."),
    queue_id: col.text("Queue or staff group the work is for, when the schedule names one; empty for the program's."),
    time_zone: col.text.required("IANA time zone of the location; local days and intervals are cut in it."),
    activity: col.text.required({ description: "What the CSS is scheduled to do.", values: SCHEDULED_ACTIVITIES }),
    starts_at: col.timestamp.required("Start of the activity."),
    ends_at: col.timestamp.required("End of the activity (exclusive)."),
  },
});

export const agentStates = table({
  name: "agent_states",
  description:
    "One stretch of a CSS in one state, as the phone, chat or workforce system logged it: available, talk, hold and after-contact work (acw) all count as work; break, lunch, meeting, coaching, training and off-phone as those activities. Time in no state is logged off.",
  naturalKey: ["source", "agent_id", "starts_at"],
  columns: {
    source: col.text.required("System or file family the row came from."),
    agent_id: col.text.required("The CSS."),
    program_id: col.text.required("Program the CSS was working for."),
    time_zone: col.text.required("IANA time zone of the location."),
    state: col.text.required({ description: "The state the CSS was in.", values: AGENT_STATE_VALUES }),
    starts_at: col.timestamp.required("When the state began."),
    ends_at: col.timestamp.required("When it ended (exclusive)."),
  },
});

/** The key support processes whose work support_events records. */
export const SUPPORT_PROCESSES = [
  "content-update",
  "content-check",
  "helpdesk-ticket",
  "das-ticket",
  "client-report",
  "invoice",
  "rfx",
  "implementation-milestone",
  "recruiting-request",
] as const;

export const supportEvents = table({
  name: "support_events",
  description:
    "One piece of work of a key support process (Exhibit 2), with its deadline and outcome: a knowledge-content update or check, an internal helpdesk ticket, a trouble ticket on a digital assisted system, a client report, a client invoice, an RFX response, an implementation milestone of a new program, or a request to recruit CSSs. Work due is counted on the local day of its deadline, so items not done by then count as late.",
  naturalKey: ["source", "event_id"],
  columns: {
    source: col.text.required("System or file the row came from."),
    event_id: col.text.required("Id of the item in its source."),
    process: col.text.required({ description: "Which support process.", values: SUPPORT_PROCESSES }),
    program_id: col.text.required("Program the work serves; entity-wide work is booked to one program of the entity."),
    time_zone: col.text.required("IANA time zone of the location that does the work."),
    opened_at: col.timestamp("When it was raised, requested or started."),
    due_at: col.timestamp(
      "Deadline: target resolution time of a ticket (by severity), report, invoice or RFX deadline, planned milestone date, target date of a recruiting request. Required for on-time measures; a content check has none.",
    ),
    completed_at: col.timestamp(
      "When it was done: ticket resolved, update published, report or invoice or RFX sent, milestone met, positions filled; for a content check, when the check was made. Empty while not done.",
    ),
    severity: col.text("Ticket severity, which sets its target time."),
    passed: col.boolean("Content check: the item was complete and accurate. Client report: no error found or flagged."),
    reopened: col.boolean("Helpdesk ticket: reopened after resolution under the CSP's rules."),
    units: col.double(
      "Client report: error opportunities checked (empty counts the report as one). Recruiting request: CSS positions requested.",
    ),
    units_ok: col.double(
      "Client report: the opportunities free of error. Recruiting request: positions filled by the target date.",
    ),
    amount: col.decimal({ description: "Invoice: value invoiced.", unit: "currency" }),
    credited_amount: col.decimal({ description: "Invoice: credit notes raised against it.", unit: "currency" }),
  },
});

/** Kinds of system whose availability is measured. */
export const SYSTEM_KINDS = ["telephony", "chat", "production", "bot", "self-service", "back-stage"] as const;

export const systemHours = table({
  name: "system_hours",
  description:
    "A period a system must be available: the opening hours of a telephony or production system, or whole days for a digital channel that runs around the clock. Uptime is counted over these periods only.",
  naturalKey: ["system_id", "opens_at"],
  columns: {
    system_id: col.text.required("Stable id of the system."),
    program_id: col.text.required("Program the system serves."),
    kind: col.text.required({
      description:
        "telephony (switch, ACD and lines), chat (the live-chat service), production (systems CSSs work in), bot (conversational), self-service (app, web, USSD), back-stage (automation without customers).",
      values: SYSTEM_KINDS,
    }),
    time_zone: col.text.required("IANA time zone the period is cut in."),
    opens_at: col.timestamp.required("Start of the period."),
    closes_at: col.timestamp.required("End of the period."),
  },
});

export const systemOutages = table({
  name: "system_outages",
  description:
    "A time a system was not fully working as its users experience it: down, or degraded so that it could not be used as intended.",
  naturalKey: ["system_id", "started_at"],
  columns: {
    system_id: col.text.required("The system, as in system_hours."),
    started_at: col.timestamp.required("When the outage began."),
    ended_at: col.timestamp("When full service was restored; empty while it lasts."),
    cause: col.text("What went wrong, for analysis."),
  },
});

/** Why an assignment ended: the first three leave the entity, the last two stay in it. */
export const LEAVE_REASONS = ["voluntary", "involuntary", "end-of-contract", "transfer", "promotion"] as const;

export const people = table({
  name: "people",
  description:
    "One person in one assignment: a role in a program from its first day to its last. A move to another program or role ends the assignment and starts another; a person's assignments share the person_id. Dates are local dates of the program's location.",
  naturalKey: ["person_id", "program_id", "starts_on"],
  columns: {
    person_id: col.text.required("Stable id of the person, the same across assignments."),
    program_id: col.text.required("Program of the assignment."),
    role: col.text.required({
      description: "Job in the assignment; people metrics count CSSs only.",
      values: ["css", "team-leader", "support", "other"],
    }),
    employer: col.text(
      "own for the entity's staff, else the staffing or recruiting firm that employs the person (3.8.2.e).",
    ),
    hired_on: col.date.required("First day employed by the entity; the same on every assignment of the person."),
    starts_on: col.date.required("First day in this assignment."),
    trained_on: col.date(
      "Day the assignment's initial training ended and live work began. Empty while still in training, and for a person who left during it: such staff count neither as heads nor as leavers.",
    ),
    left_on: col.date("Last day in the assignment; empty while it goes on."),
    leave_reason: col.text({
      description:
        "Why the assignment ended: the person left the entity (voluntary, involuntary, end-of-contract for a temporary position that ran its term) or moved within it (transfer to another program, promotion to another role). Empty with a left_on: left the entity unless a later assignment of the person follows.",
      values: LEAVE_REASONS,
    }),
    backfilled: col.boolean(
      "The place the person left was filled again. Attrition counts backfilled leavers only; empty counts as not backfilled.",
    ),
    position_ends_on: col.date("End date of a temporary position: leaving on or after it is not attrition (3.8.2.d)."),
    met_performance_after_training: col.boolean(
      "Within 30 days after trained_on the person reached the acceptable level on the metric or index chosen to judge training.",
    ),
    as_of: col.date.required(
      "Day the roster was extracted: an assignment without left_on counts as current through this day.",
    ),
    team_id: col.text("Team the person works in during the assignment (under one team leader), for reports by team."),
  },
});

/** Absence reasons; the last five are left out of absenteeism (planned, long-term, or the employer's decision). */
export const ABSENCE_REASONS = [
  "illness",
  "tardiness",
  "personal",
  "no-show",
  "other",
  "shift-swap",
  "vacation",
  "long-term",
  "sent-home",
  "stay-home",
] as const;

export const absences = table({
  name: "absences",
  description:
    "Scheduled working hours a person did not work, one row per person, local day and reason. Absenteeism counts unplanned short-term absence against the scheduled hours in agent_time.",
  naturalKey: ["person_id", "absent_on", "reason"],
  columns: {
    person_id: col.text.required("The person, as in people."),
    program_id: col.text.required("Program the person was scheduled to work for."),
    absent_on: col.date.required("Local day of the shift missed."),
    hours: col.double.required({ description: "Scheduled hours not worked.", unit: "hours" }),
    reason: col.text.required({
      description:
        "Why: illness, tardiness (late arrival or early leaving), personal (a last-minute personal day), no-show and other count as unplanned; a shift-swap counts unless agreed 24 hours or more ahead; vacation, long-term absence, sent-home (sent home early) and stay-home (told not to come in) never count.",
      values: ABSENCE_REASONS,
    }),
    planned: col.boolean("Agreed in advance (approved leave, a booked appointment): never counts. Empty is unplanned."),
    notice_hours: col.double({
      description:
        "How long before the shift the absence or swap was agreed; a swap 24 hours or more ahead does not count.",
      unit: "hours",
    }),
    employer: col.text("own, or the staffing firm that employs the person (3.8.3.b)."),
  },
});

/** Every canonical dataset, by the name `cxpm import DATASET` takes. */
export const DATASETS: Readonly<Record<string, Table>> = {
  locations,
  programs,
  queues,
  contacts,
  agent_time: agentTime,
  qa_evaluations: qaEvaluations,
  qa_form_attributes: qaFormAttributes,
  qa_answers: qaAnswers,
  calibration_scores: calibrationScores,
  surveys,
  workforce_intervals: workforceIntervals,
  agent_schedules: agentSchedules,
  agent_states: agentStates,
  people,
  absences,
  support_events: supportEvents,
  system_hours: systemHours,
  system_outages: systemOutages,
  list_records: listRecords,
  network_intervals: networkIntervals,
  stock_counts: stockCounts,
  footfall,
  mystery_shops: mysteryShops,
  employee_surveys: employeeSurveys,
  client_surveys: clientSurveys,
  complaints,
  costs,
  cost_drivers: costDrivers,
};
