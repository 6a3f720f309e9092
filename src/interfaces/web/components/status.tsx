/**
 * How the UI says met / not met, meets 50/75 or not, and improving: always a colour together with a symbol and
 * a word, never colour alone. Also the loading and error states every page shares.
 */
import { Alert, Badge, Center, Loader, Text } from "@mantine/core";
import type { ReactNode } from "react";

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** Met, not met, or not evaluated (no value or no target) for one period. */
export function MetMark({ met, compact = false }: { met: boolean | null; compact?: boolean }) {
  if (met === null) {
    return (
      <Text span size="xs" c="dimmed" title="not evaluated: no value or no target">
        {compact ? "–" : "not evaluated"}
      </Text>
    );
  }
  return (
    <Text span size="xs" fw={600} c={met ? "teal.8" : "red.8"} data-met={met ? "met" : "not-met"} style={NOWRAP}>
      {met ? "✓ met" : "✗ not met"}
    </Text>
  );
}

/** Meeting targeted performance levels (3 of 4 periods), and whether the metric is improving. */
export function MeetingBadge({ meeting, improving }: { meeting: boolean; improving: boolean }) {
  if (meeting) {
    return (
      <Badge color="teal" variant="light" leftSection="✓">
        meeting
      </Badge>
    );
  }
  if (improving) {
    return (
      <Badge color="yellow" variant="light" leftSection="↗">
        improving
      </Badge>
    );
  }
  return (
    <Badge color="red" variant="light" leftSection="✗">
      not meeting
    </Badge>
  );
}

/** The 50/75 verdict of a scope: "✓ met" or "✗ not met" (the heading around it says what is judged). */
export function VerdictBadge({ met, counted, size = "md" }: { met: boolean; counted: number; size?: "md" | "lg" }) {
  if (counted === 0) {
    return (
      <Badge color="gray" variant="light" size={size}>
        nothing counted
      </Badge>
    );
  }
  return (
    <Badge color={met ? "teal" : "red"} variant="filled" size={size} leftSection={met ? "✓" : "✗"}>
      {met ? "met" : "not met"}
    </Badge>
  );
}

/** A marker for a period inside a sustained-improvement window. */
export const ImprovingMark = () => (
  <Text span size="xs" c="yellow.9" fw={700} title="sustained improvement: part of three better months in a row">
    ↗ improving
  </Text>
);

/** A page's loading and error states around its content. */
export function LoadState({
  loading,
  error,
  children,
  what,
}: {
  loading: boolean;
  error: Error | undefined;
  children: ReactNode;
  what: string;
}) {
  if (error) {
    return (
      <Alert color="red" title={`Could not load ${what}`} role="alert">
        {error.message}
      </Alert>
    );
  }
  if (loading && children === null) {
    return (
      <Center h={200}>
        <Loader aria-label={`loading ${what}`} />
      </Center>
    );
  }
  return <>{children}</>;
}
