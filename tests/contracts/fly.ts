// Fly.io Machines API contract: GET /v1/apps/{app}/machines and POST /v1/apps/{app}/machines/{id}/restart.
// Sources, read 2026-11-30:
// - superfly/fly-go machine_types.go, commit 005ce19b9f7832ccabecc93594132a38bb0c1d3c: Machine, MachineImageRef,
//   MachineEvent, MachineCheckStatus, ConsulCheckStatus (passing|warning|critical), HostStatus
//   (ok|unknown|unreachable), the top-level MachineConfig keys.
// - superfly/fly-go flaps/flaps_error.go, commit 05401b44d70509503f6fb4570fb65322335f5c5a: the error body
//   {error, status} and its StatusCode values.
// - superfly/fly-openapi-sdk go/api/openapi.yaml, commit f0c59fb585f616492629684c3cd11456a49efb97: ErrorResponse
//   (details, deprecated), Machines_list (bare array) and Machines_restart (200 with no documented body).
// - superfly/docs machines/machine-states.html.markerb, commit 42844b3b02aca9d12f0db284aafc8d675d29fe2b: the states.
// - superfly/docs reference/machines/_machines_list_resp.erb, commit aae028fc9f316ff600c4ecfcd2f59d412fb08ba6: the
//   published list example (every machine there carries the keys required below); the sibling stop/start calls
//   answer `{"ok": true}` (machines_ok_true_resp).
import { z } from "zod";

/** Persistent, transient and terminal states from Fly's machine-states page. */
export const flyMachineStates = [
  "created",
  "started",
  "stopped",
  "suspended",
  "failed",
  "creating",
  "starting",
  "stopping",
  "restarting",
  "suspending",
  "destroying",
  "launch_failed",
  "updating",
  "replacing",
  "destroyed",
  "replaced",
  "migrated",
] as const;

/** ConsulCheckStatus in fly-go. */
export const flyCheckStatuses = ["passing", "warning", "critical"] as const;

const imageRef = z.strictObject({
  registry: z.string().optional(),
  repository: z.string().optional(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

const machineEvent = z.strictObject({
  id: z.string().optional(),
  type: z.string(),
  status: z.string(),
  source: z.string().optional(),
  /** Milliseconds since the epoch (fly-go MachineEvent.Time divides by 1000). */
  timestamp: z.number().int().positive(),
  request: z.record(z.string(), z.unknown()).optional(),
});

const checkStatus = z.strictObject({
  name: z.string(),
  status: z.enum(flyCheckStatuses),
  output: z.string().optional(),
  updated_at: z.iso.datetime({ offset: true }).optional(),
});

// The config is Fly's own echo of what was deployed; only its top-level keys are closed here, so an invented
// section fails while the nested shapes (services, checks, guest...) stay Fly's business.
const configKeys = [
  "env",
  "init",
  "guest",
  "metadata",
  "mounts",
  "services",
  "metrics",
  "checks",
  "statics",
  "image",
  "files",
  "schedule",
  "auto_destroy",
  "restart",
  "dns",
  "processes",
  "standbys",
  "stop_config",
  "containers",
  "volumes",
  "rootfs",
  "cache_drive",
  "spot",
  "size",
  "disable_machine_autostart",
] as const;
const machineConfig = z.strictObject(Object.fromEntries(configKeys.map((k) => [k, z.unknown().optional()])) as Record<(typeof configKeys)[number], z.ZodOptional<z.ZodUnknown>>);

export const flyMachine = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  state: z.enum(flyMachineStates),
  region: z.string(),
  image_ref: imageRef,
  instance_id: z.string(),
  version: z.string().optional(),
  private_ip: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  config: machineConfig,
  incomplete_config: machineConfig.optional(),
  events: z.array(machineEvent),
  checks: z.array(checkStatus).optional(),
  nonce: z.string().optional(),
  host_status: z.enum(["ok", "unknown", "unreachable"]).optional(),
  cordoned: z.boolean().optional(),
  containers: z.array(z.strictObject({ name: z.string(), state: z.string() })).optional(),
});

/** GET /v1/apps/{app}/machines: a bare array, no pagination envelope. */
export const flyMachineList = z.array(flyMachine);

/** StatusCode values fly-go knows; `details` is deprecated but still in the published ErrorResponse. */
export const flyErrorStatuses = ["unknown", "insufficient_capacity", "volume_placement_capacity", "name_taken"] as const;

export const flyError = z.strictObject({
  error: z.string().min(1),
  status: z.enum(flyErrorStatuses).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** POST .../restart: the spec documents a 200 with no body; its sibling actions answer `{"ok": true}`. */
export const flyRestartBody = z.union([z.literal(""), z.strictObject({ ok: z.literal(true) })]);
