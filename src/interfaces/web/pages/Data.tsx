/**
 * Data (`/data`): every import with its row counts, rejects (downloadable) and timing, and an upload from the
 * browser: choose the dataset and a mapping (or none, for files already in cxpm's canonical columns), drop a
 * file, watch the upload's progress, then the import's status until it is loaded or has failed.
 */
import { Alert, Anchor, Button, Card, Group, Progress, Select, Stack, Table, Text, Title } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { ApiError, api, type ImportDetail, type ImportSummary, uploadImport } from "../api.ts";
import { LoadState } from "../components/status.tsx";
import { formatNumber, formatSeconds, formatTimestamp, humanize } from "../format.ts";
import { useApi } from "../use-api.ts";

const FINISHED = new Set<string>(["done", "failed"]);
const MEGABYTE = 1024 * 1024;

const STATUS: Record<ImportSummary["status"], { label: string; color: string }> = {
  queued: { label: "queued", color: "gray" },
  running: { label: "running", color: "blue" },
  done: { label: "✓ loaded", color: "teal" },
  failed: { label: "✗ failed", color: "red" },
};

function ImportsTable({ imports }: { imports: readonly ImportSummary[] }) {
  if (!imports.length) return <Text size="sm">No file has been imported from here yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover aria-label="Import history" data-testid="imports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Dataset</Table.Th>
            <Table.Th>Files</Table.Th>
            <Table.Th>Mapping</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th className="num">Rows read</Table.Th>
            <Table.Th className="num">Loaded</Table.Th>
            <Table.Th className="num">Rejected</Table.Th>
            <Table.Th className="num">Excluded</Table.Th>
            <Table.Th className="num">Load time</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Rejects</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((batch) => (
            <Table.Tr key={batch.id} data-import={batch.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {formatTimestamp(batch.startedAt ?? batch.createdAt)}
              </Table.Td>
              <Table.Td>{humanize(batch.dataset)}</Table.Td>
              <Table.Td miw={160} maw={280} style={{ overflowWrap: "break-word" }}>
                {batch.files.join(", ")}
              </Table.Td>
              <Table.Td>{batch.mapping ?? "canonical columns"}</Table.Td>
              <Table.Td>
                <Text
                  span
                  size="sm"
                  fw={600}
                  c={STATUS[batch.status].color}
                  title={batch.error ?? undefined}
                  style={{ whiteSpace: "nowrap" }}
                >
                  {STATUS[batch.status].label}
                  {batch.alreadyLoaded ? " (already loaded)" : ""}
                </Text>
                {batch.error && (
                  <Text size="xs" c="red.8" maw={280}>
                    {batch.error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="num">{formatNumber(batch.rows.read)}</Table.Td>
              <Table.Td className="num" data-testid="rows-loaded">
                {formatNumber(batch.rows.loaded)}
              </Table.Td>
              <Table.Td className="num">{formatNumber(batch.rows.rejected)}</Table.Td>
              <Table.Td className="num">{formatNumber(batch.rows.excluded)}</Table.Td>
              <Table.Td className="num">{batch.seconds === null ? "—" : formatSeconds(batch.seconds)}</Table.Td>
              <Table.Td>{batch.createdBy}</Table.Td>
              <Table.Td>
                {batch.hasRejects ? (
                  <Anchor href={api.rejectsUrl(batch.id)} size="sm" download>
                    Download ({formatNumber(batch.rows.rejected)} rows, CSV)
                  </Anchor>
                ) : (
                  <Text span size="sm" c="dimmed">
                    none
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; share: number }
  | { kind: "importing"; batch: ImportDetail }
  | { kind: "finished"; batch: ImportDetail }
  | { kind: "failed"; error: ApiError };

/** Polls an import every half second until it is done or failed. */
function usePoll(id: number | undefined, onStatus: (batch: ImportDetail) => void) {
  useEffect(() => {
    if (id === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const batch = await api.importStatus(id);
        if (stopped) return;
        onStatus(batch);
        if (!FINISHED.has(batch.status)) timer = setTimeout(poll, 500);
      } catch {
        if (!stopped) timer = setTimeout(poll, 1000);
      }
    };
    timer = setTimeout(poll, 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, onStatus]);
}

function Problems({ batch }: { batch: ImportDetail }) {
  if (!batch.problems.length) return null;
  return (
    <Table mt="xs" fz="xs" aria-label="Row problems">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>File</Table.Th>
          <Table.Th className="num">Line</Table.Th>
          <Table.Th>Field</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th>Expected</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {batch.problems.slice(0, 10).map((p) => (
          <Table.Tr key={`${p.file}:${p.line}:${p.field}`}>
            <Table.Td>{p.file}</Table.Td>
            <Table.Td className="num">{formatNumber(p.line)}</Table.Td>
            <Table.Td>{p.field}</Table.Td>
            <Table.Td>{p.value}</Table.Td>
            <Table.Td>{p.expected}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {batch.problemCount > 10 && (
        <Table.Caption>
          the first 10 of {formatNumber(batch.problemCount)} problems
          {batch.hasRejects ? "; download the rejects for all of them" : ""}
        </Table.Caption>
      )}
    </Table>
  );
}

function Upload({ onFinished }: { onFinished: () => void }) {
  const mappings = useApi((signal) => api.mappings(signal), []);
  const datasets = useApi((signal) => api.datasets(signal), []);
  const [dataset, setDataset] = useState<string | null>("contacts");
  const [mapping, setMapping] = useState<string | null>(null);
  const [onError, setOnError] = useState<ImportSummary["onError"]>("fail");
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const importing = stage.kind === "importing" ? stage.batch.id : undefined;

  const [onStatus] = useState(() => (batch: ImportDetail) => {
    if (!FINISHED.has(batch.status)) {
      setStage({ kind: "importing", batch });
      return;
    }
    setStage({ kind: "finished", batch });
    notifications.show({
      color: STATUS[batch.status].color,
      title: batch.status === "done" ? "Import loaded" : "Import failed",
      message:
        batch.status === "done"
          ? `${formatNumber(batch.rows.loaded)} rows loaded, ${formatNumber(batch.rows.rejected)} rejected`
          : (batch.error ?? "see the problems below"),
    });
    onFinished();
  });
  usePoll(importing, onStatus);

  const choices = (mappings.data?.mappings ?? []).filter((m) => !dataset || m.dataset === dataset);
  const busy = stage.kind === "uploading" || stage.kind === "importing";

  const start = async () => {
    if (!file || !dataset) return;
    setStage({ kind: "uploading", share: 0 });
    try {
      const batch = await uploadImport({ dataset, mapping, onError, file }, (share) =>
        setStage({ kind: "uploading", share }),
      );
      onStatus(batch);
    } catch (failure) {
      setStage({ kind: "failed", error: failure instanceof ApiError ? failure : new ApiError(0, String(failure)) });
    }
  };

  return (
    <Card withBorder padding="md" aria-label="Upload a file">
      <Title order={3} size="h4" mb="sm">
        Upload a file
      </Title>
      <Stack gap="sm">
        <Group align="flex-start" grow>
          <Select
            label="Dataset"
            description="what the file holds"
            data={(datasets.data?.datasets ?? []).map((d) => ({ value: d.name, label: humanize(d.name) }))}
            value={dataset}
            onChange={(d) => {
              setDataset(d);
              setMapping(null);
            }}
            allowDeselect={false}
            required
          />
          <Select
            label="Mapping"
            description="how the file's columns map to cxpm's"
            placeholder="none: the file has cxpm's columns"
            data={choices.map((m) => ({
              value: m.name,
              label: m.description ? `${m.name}: ${m.description}` : m.name,
            }))}
            value={mapping}
            onChange={setMapping}
            clearable
            error={mappings.error ? `mappings could not be loaded: ${mappings.error.message}` : undefined}
          />
          <Select
            label="Bad rows"
            description="what a row that fails its checks does"
            data={[
              { value: "fail", label: "fail the import (nothing loads)" },
              { value: "quarantine", label: "set aside as rejects, load the rest" },
            ]}
            value={onError}
            onChange={(v) => v && setOnError(v as ImportSummary["onError"])}
            allowDeselect={false}
          />
        </Group>
        <Dropzone
          onDrop={(files) => setFile(files[0])}
          onReject={() =>
            notifications.show({
              color: "red",
              title: "File not accepted",
              message: "choose one file of at most 200 MB",
            })
          }
          maxFiles={1}
          multiple={false}
          maxSize={200 * MEGABYTE}
          disabled={busy}
          aria-label="Drop a CSV, TSV, JSON or Parquet file here, or press Enter to choose one"
        >
          <Stack align="center" gap={4} mih={80} justify="center" style={{ pointerEvents: "none" }}>
            <Text size="md" fw={600}>
              {file ? file.name : "Drop a file here, or click to choose one"}
            </Text>
            <Text size="sm" c="dimmed">
              {file
                ? `${formatNumber(file.size / 1024, 1)} kB`
                : "CSV, TSV, JSON or Parquet; up to 200 MB. Every row is checked before anything is loaded."}
            </Text>
          </Stack>
        </Dropzone>
        <Group>
          <Button onClick={start} disabled={!file || !dataset || busy} loading={busy}>
            Upload and import
          </Button>
          {stage.kind === "uploading" && (
            <Text size="sm" aria-live="polite">
              Uploading: {formatNumber(stage.share * 100, 0)}%
            </Text>
          )}
          {stage.kind === "importing" && (
            <Text size="sm" aria-live="polite">
              Importing ({stage.batch.status}): {formatNumber(stage.batch.progress * 100, 0)}%
              {stage.batch.rows.read ? `, ${formatNumber(stage.batch.rows.read)} rows read` : ""}…
            </Text>
          )}
        </Group>
        {(stage.kind === "uploading" || stage.kind === "importing") && (
          <Progress
            value={(stage.kind === "uploading" ? stage.share : stage.batch.progress) * 100}
            animated={stage.kind === "importing"}
            aria-label={stage.kind === "uploading" ? "Upload progress" : "Import progress"}
          />
        )}
        {stage.kind === "finished" && (
          <Alert
            color={STATUS[stage.batch.status].color}
            title={stage.batch.status === "done" ? "Import loaded" : "Import failed"}
            data-testid="import-result"
          >
            {stage.batch.error ? <Text size="sm">{stage.batch.error}</Text> : null}
            <Text size="sm">
              {formatNumber(stage.batch.rows.read)} rows read, {formatNumber(stage.batch.rows.loaded)} loaded,{" "}
              {formatNumber(stage.batch.rows.rejected)} rejected, {formatNumber(stage.batch.rows.excluded)} excluded
              {stage.batch.seconds !== null ? ` in ${formatSeconds(stage.batch.seconds)}` : ""}
              {stage.batch.alreadyLoaded ? "; the same file was loaded before, so nothing changed" : ""}.
            </Text>
            <Problems batch={stage.batch} />
          </Alert>
        )}
        {stage.kind === "failed" && (
          <Alert color="red" title="The file was not imported" role="alert">
            {stage.error.message}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function DataPage() {
  const imports = useApi((signal) => api.imports(signal), []);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Data</Title>
        <Text size="sm" c="dimmed">
          Each import is checked row by row and loaded all or nothing; loading the same file again changes nothing. The
          metrics are recomputed after every load.
        </Text>
      </div>
      <Upload onFinished={imports.reload} />
      <Card withBorder padding="md">
        <Title order={3} size="h4" mb="xs">
          Imports
        </Title>
        <LoadState loading={imports.loading} error={imports.error} what="the import history">
          {imports.data ? <ImportsTable imports={imports.data.imports} /> : null}
        </LoadState>
      </Card>
    </Stack>
  );
}
