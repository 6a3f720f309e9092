/**
 * Data (`/data`): every import with its row counts, rejects (downloadable) and timing, and an upload from the
 * browser: choose the dataset and a mapping (or none, for files already in cxpm's canonical columns), drop a
 * file, watch the upload's progress, then the import's status until it is loaded or has failed.
 */
import { Alert, Anchor, Button, Card, Group, Progress, Select, Stack, Table, Text, Title } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { ApiError, api, type ImportBatch, uploadImport } from "../api.ts";
import { LoadState } from "../components/status.tsx";
import { formatNumber, formatSeconds, formatTimestamp, humanize } from "../format.ts";
import { useApi } from "../use-api.ts";

/** The canonical datasets an upload can load, in the order a new operation loads them. */
const DATASETS = ["locations", "programs", "queues", "contacts"] as const;
const FINISHED = new Set(["loaded", "failed", "rejected", "done", "succeeded", "error"]);
const MEGABYTE = 1024 * 1024;

const count = (value: number | null | undefined) => (value === null || value === undefined ? "—" : formatNumber(value));

function statusColor(status: string): string {
  if (status === "loaded" || status === "done" || status === "succeeded") return "teal";
  if (status === "failed" || status === "error" || status === "rejected") return "red";
  return "gray";
}

function ImportsTable({ imports }: { imports: readonly ImportBatch[] }) {
  if (!imports.length) return <Text size="sm">Nothing has been imported yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover aria-label="Import history" data-testid="imports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Dataset</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Mapping</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th className="num">Rows read</Table.Th>
            <Table.Th className="num">Loaded</Table.Th>
            <Table.Th className="num">Rejected</Table.Th>
            <Table.Th className="num">Excluded</Table.Th>
            <Table.Th className="num">Time</Table.Th>
            <Table.Th>Rejects</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((batch) => (
            <Table.Tr key={batch.id} data-import={batch.id}>
              <Table.Td>{formatTimestamp(batch.startedAt)}</Table.Td>
              <Table.Td>{humanize(batch.dataset)}</Table.Td>
              <Table.Td maw={260} style={{ overflowWrap: "anywhere" }}>
                {batch.file ?? "—"}
              </Table.Td>
              <Table.Td>{batch.mapping ?? "canonical columns"}</Table.Td>
              <Table.Td>
                <Text span size="sm" fw={600} c={statusColor(batch.status)}>
                  {batch.status}
                </Text>
              </Table.Td>
              <Table.Td className="num">{count(batch.rowsRead)}</Table.Td>
              <Table.Td className="num" data-testid="rows-loaded">
                {count(batch.rowsLoaded)}
              </Table.Td>
              <Table.Td className="num">{count(batch.rowsRejected)}</Table.Td>
              <Table.Td className="num">{count(batch.rowsExcluded)}</Table.Td>
              <Table.Td className="num">
                {batch.seconds === null || batch.seconds === undefined ? "—" : formatSeconds(batch.seconds)}
              </Table.Td>
              <Table.Td>
                {batch.rowsRejected ? (
                  <Anchor href={batch.rejectsUrl ?? api.rejectsUrl(batch.id)} size="sm" download>
                    Download rejects (CSV)
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
  | { kind: "importing"; id: string; status: ImportBatch | undefined }
  | { kind: "finished"; batch: ImportBatch }
  | { kind: "failed"; error: ApiError };

/** Polls an import until it has finished, calling back with each status. */
function usePoll(id: string | undefined, onStatus: (batch: ImportBatch) => void) {
  useEffect(() => {
    if (!id) return;
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
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, onStatus]);
}

function Upload({ onFinished }: { onFinished: () => void }) {
  const mappings = useApi((signal) => api.mappings(signal), []);
  const [dataset, setDataset] = useState<string | null>("contacts");
  const [mapping, setMapping] = useState<string | null>(null);
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const importing = stage.kind === "importing" ? stage.id : undefined;

  const [onStatus] = useState(() => (batch: ImportBatch) => {
    if (FINISHED.has(batch.status)) {
      setStage({ kind: "finished", batch });
      notifications.show({
        color: statusColor(batch.status),
        title: `Import ${batch.status}`,
        message: `${count(batch.rowsLoaded)} rows loaded, ${count(batch.rowsRejected)} rejected`,
      });
      onFinished();
    } else {
      setStage({ kind: "importing", id: batch.id, status: batch });
    }
  });
  usePoll(importing, onStatus);

  const choices = (mappings.data?.mappings ?? []).filter((m) => !dataset || m.dataset === dataset);
  const busy = stage.kind === "uploading" || stage.kind === "importing";

  const start = async () => {
    if (!file || !dataset) return;
    setStage({ kind: "uploading", share: 0 });
    try {
      const { id, status } = await uploadImport({ dataset, mapping, file }, (share) =>
        setStage({ kind: "uploading", share }),
      );
      setStage({ kind: "importing", id, status: undefined });
      if (FINISHED.has(status)) onStatus({ id, status, dataset });
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
            data={DATASETS.map((d) => ({ value: d, label: humanize(d) }))}
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
            description="how the file's columns map to cxpm's; none for canonical columns"
            placeholder="none: canonical columns"
            data={choices.map((m) => ({
              value: m.name,
              label: m.description ? `${m.name} — ${m.description}` : m.name,
            }))}
            value={mapping}
            onChange={setMapping}
            clearable
            error={mappings.error ? `mappings could not be loaded: ${mappings.error.message}` : undefined}
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
                : "CSV, TSV, JSON or Parquet; up to 200 MB. Rows are checked before anything is loaded."}
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
              Importing: {stage.status?.status ?? "queued"}
              {stage.status?.rowsRead ? `, ${formatNumber(stage.status.rowsRead)} rows read` : ""}…
            </Text>
          )}
        </Group>
        {(stage.kind === "uploading" || stage.kind === "importing") && (
          <Progress
            value={stage.kind === "uploading" ? stage.share * 100 : 100}
            animated={stage.kind === "importing"}
            aria-label="Upload progress"
          />
        )}
        {stage.kind === "finished" && (
          <Alert
            color={statusColor(stage.batch.status)}
            title={`Import ${stage.batch.status}`}
            data-testid="import-result"
          >
            {count(stage.batch.rowsRead)} rows read, {count(stage.batch.rowsLoaded)} loaded,{" "}
            {count(stage.batch.rowsRejected)} rejected, {count(stage.batch.rowsExcluded)} excluded
            {stage.batch.seconds !== null && stage.batch.seconds !== undefined
              ? ` in ${formatSeconds(stage.batch.seconds)}`
              : ""}
            .
            {stage.batch.errors?.length ? (
              <Stack gap={2} mt="xs">
                {stage.batch.errors.slice(0, 10).map((e) => {
                  const text =
                    typeof e === "string"
                      ? e
                      : `${e.line !== undefined ? `line ${e.line}: ` : ""}${e.field ? `${e.field}: ` : ""}${e.message}`;
                  return (
                    <Text key={text} size="sm">
                      {text}
                    </Text>
                  );
                })}
              </Stack>
            ) : null}
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
          Each import is checked row by row and loaded all or nothing; loading the same file again changes nothing.
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
