/**
 * The frame of every page: a header with the product and the data's freshness, a navigation bar (a burger
 * on narrow screens), and the page the URL names.
 */
import { Anchor, AppShell, Burger, Group, NavLink, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { userName } from "./api.ts";
import { CapacityPage } from "./pages/Capacity.tsx";
import { DataPage } from "./pages/Data.tsx";
import { ForecastPage } from "./pages/Forecast.tsx";
import { MetricDetailPage } from "./pages/MetricDetail.tsx";
import { OverviewPage } from "./pages/Overview.tsx";
import { QualityPage } from "./pages/Quality.tsx";
import { RealTimePage } from "./pages/RealTime.tsx";
import { SchedulePage } from "./pages/Schedule.tsx";
import { SummaryPage } from "./pages/Summary.tsx";
import { TargetConsistencyPage } from "./pages/TargetConsistency.tsx";
import { TargetsPage } from "./pages/Targets.tsx";
import { Link, useLocation } from "./router.tsx";

const PAGES = [
  { path: "/", label: "Overview", description: "50/75 verdict per scope" },
  { path: "/summary", label: "Performance summary", description: "metrics × months vs targets" },
  { path: "/targets", label: "Targets", description: "set targets, governance, history" },
  { path: "/quality", label: "Quality", description: "sampling, monitoring, calibration" },
  { path: "/wfm/forecast", label: "Forecast", description: "forecast vs actual per interval" },
  { path: "/wfm/targets", label: "Target consistency", description: "service level vs abandonment (4.3.8)" },
  { path: "/wfm/capacity", label: "Capacity plan", description: "weekly FTE, gap, when to hire" },
  { path: "/wfm/schedule", label: "Schedule", description: "shifts, coverage heat map, roster" },
  { path: "/wfm/realtime", label: "Real time", description: "reforecast, adherence, alerts today" },
  { path: "/data", label: "Data", description: "imports and uploads" },
] as const;

function Page({ path }: { path: string }) {
  const metric = /^\/metrics\/([^/]+)$/.exec(path);
  if (metric) return <MetricDetailPage id={decodeURIComponent(metric[1]!)} />;
  switch (path) {
    case "/":
      return <OverviewPage />;
    case "/summary":
      return <SummaryPage />;
    case "/targets":
      return <TargetsPage />;
    case "/quality":
      return <QualityPage />;
    case "/wfm/forecast":
      return <ForecastPage />;
    case "/wfm/targets":
      return <TargetConsistencyPage />;
    case "/wfm/capacity":
      return <CapacityPage />;
    case "/wfm/schedule":
      return <SchedulePage />;
    case "/wfm/realtime":
      return <RealTimePage />;
    case "/data":
      return <DataPage />;
    default:
      return (
        <Stack>
          <Title order={2}>Not found</Title>
          <Text>
            There is no page at {path}. Go to the <Link href="/">Overview</Link>.
          </Text>
        </Stack>
      );
  }
}

function UserName() {
  const [name, setName] = useState(userName.get());
  return (
    <TextInput
      size="xs"
      label="Your name"
      description="recorded with the changes you make"
      value={name}
      onChange={(event) => {
        setName(event.currentTarget.value);
        userName.set(event.currentTarget.value);
      }}
      placeholder="anonymous"
    />
  );
}

export function App() {
  const [opened, { toggle, close }] = useDisclosure();
  const { path } = useLocation();
  const active = (page: string) => (page === "/" ? path === "/" : path.startsWith(page));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} href="/" underline="never" c="inherit">
              <Title order={1} size="h3">
                cxpm
              </Title>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">
              Performance management on the COPC CX Standard R7.0
            </Text>
          </Group>
          <Anchor href="/api/docs" size="sm" target="_blank">
            API reference
          </Anchor>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <AppShell.Section grow>
          {PAGES.map((page) => (
            <NavLink
              key={page.path}
              component={Link}
              href={page.path}
              label={page.label}
              description={page.description}
              active={active(page.path)}
              aria-current={active(page.path) ? "page" : undefined}
              onClick={close}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section p="xs">
          <UserName />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Page path={path} />
      </AppShell.Main>
    </AppShell>
  );
}
