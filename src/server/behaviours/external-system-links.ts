// Creating and copying external system links. ET's body names the two ends instead of the link's fields:
//   { Name, Enabled, Source: {Key, Id, FieldValues}, Destination: {Key, Id, FieldValues} }
// The ET end (Source) decides what the link synchronises: "ET.ProjectIncidents" (Id = a project) makes a
// defect tracker link, "ET.RequirementPackage" (Id = a requirement package) a requirements link. The remote
// end (Destination) names the external system by Id; its FieldValues are the link's settings (Project = the
// remote project key). POST /api/externalsystemlink/{linkId}/copy starts from an existing link's settings.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { entityOf } from '../engine/handlers/lookup.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

interface End {
  Key?: unknown;
  Id?: unknown;
  FieldValues?: unknown;
}

/** What each documented ET source key makes of the link. */
const SOURCES: Record<string, { type: string; display: string; autoSelect: string; entity: string }> = {
  'et.projectincidents': { type: 'DefectTracker', display: 'Defect Tracker', autoSelect: 'Yes', entity: 'Project' },
  'et.requirementpackage': { type: 'Requirements', display: 'Requirements', autoSelect: 'NotApplicable', entity: 'RequirementPackage' },
};

const endOf = (body: Record<string, unknown>, side: 'Source' | 'Destination'): End | undefined => {
  const end = body[side];
  return end && typeof end === 'object' && !Array.isArray(end) ? (end as End) : undefined;
};

const fieldValues = (end: End | undefined): Record<string, unknown> =>
  end?.FieldValues && typeof end.FieldValues === 'object' && !Array.isArray(end.FieldValues) ? (end.FieldValues as Record<string, unknown>) : {};

/** The link's fields for the ET end of the body. */
function sourceFields(call: EtCall, end: End): Record<string, unknown> {
  const kind = SOURCES[String(end.Key ?? '').toLowerCase()];
  if (!kind) throw new HttpError(403, `Source.Key must be one of ET.ProjectIncidents, ET.RequirementPackage (got '${String(end.Key ?? '')}').`);
  const id = String(end.Id ?? '');
  const rec = call.engine.store.collection(kind.entity).get(id);
  if (!rec) throw new HttpError(403, `Source.Id must name a ${kind.entity}: no ${kind.entity} has the Id '${id}'.`);
  const projectId = kind.entity === 'Project' ? rec.Id : (rec.ProjectId as string | undefined);
  const project = projectId ? call.engine.store.collection('Project').get(projectId) : undefined;
  return {
    Type: kind.type,
    TypeForDisplay: kind.display,
    AutoSelect: kind.autoSelect,
    ProjectId: project?.Id ?? null,
    ProjectName: project?.Name ?? null,
    RequirementPackageId: kind.entity === 'RequirementPackage' ? rec.Id : null,
    InternalPackageName: kind.entity === 'Project' ? null : (rec.Name ?? null),
  };
}

/** The link's fields for the remote end: the external system and the settings. */
function destinationFields(call: EtCall, end: End, type: string): Record<string, unknown> {
  const id = String(end.Id ?? '');
  const system = call.engine.store.collection('ExternalSystem').get(id);
  if (!system) throw new HttpError(403, `Destination.Id must name an external system: none has the Id '${id}'.`);
  const values = fieldValues(end);
  const project = typeof values.Project === 'string' ? values.Project : undefined;
  return {
    ExternalSystemId: system.Id,
    ExternalSystemName: system.Name ?? null,
    ExternalSystemImplementationType: system.Type ?? null,
    ExternalSystemConnectionType: system.ConnectionType ?? null,
    DefectTrackerProjectId: type === 'DefectTracker' ? (project ?? null) : null,
    Configuration: project === undefined ? {} : { Project: project },
  };
}

/** Fields every new link starts with: never synchronised, settings complete. */
const FRESH = {
  LastSynchronizedAt: null,
  LastDestinationToSourceSynchronizationAt: null,
  LastSourceToDestinationSynchronizationAt: null,
  EaPackageId: null,
  TestExecutionPackageId: null,
  TestScriptPackageId: null,
  ConfigurationComplete: true,
  ConfigurationProblems: [],
};

function answer(call: EtCall, entity: string, rec: Rec): Response {
  const out = call.engine.presenter.present(entity, rec, call.base, parseExpand(call.query.get('$expand')));
  return json(out, 201, typeof out.Self === 'string' ? { Location: out.Self } : undefined);
}

/** POST /api/externalsystemlinks. */
export const createExternalSystemLink = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf(call);
  const body = await jsonBody(call);
  const source = endOf(body, 'Source');
  const destination = endOf(body, 'Destination');
  if (!source || !destination) throw new HttpError(403, 'Name both ends of the link: Source (the ET side) and Destination (the external system).');
  if (typeof body.Name !== 'string' || !body.Name.trim()) throw new HttpError(403, 'You must specify Name for the new link.');
  const fromSource = sourceFields(call, source);
  const rec: Rec = {
    Id: randomUUID(),
    Name: body.Name,
    Enabled: typeof body.Enabled === 'boolean' ? body.Enabled : true,
    ...FRESH,
    ...fromSource,
    ...destinationFields(call, destination, String(fromSource.Type)),
  };
  return answer(call, def.name, call.engine.store.collection(def.name).insert(rec));
};

/** POST /api/externalsystemlink/{linkId}/copy: the link's settings, with the ends and name the body gives. */
export const copyExternalSystemLink = (op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf(call);
  const body = await jsonBody(call);
  const col = call.engine.store.collection(def.name);
  const fromId = typeof body.CopyFromLinkId === 'string' && body.CopyFromLinkId ? body.CopyFromLinkId : call.params[op.params[0]!]!;
  const original = col.get(fromId);
  if (!original) throw new HttpError(404, `No external system link with the Id '${fromId}' exists.`);
  const source = endOf(body, 'Source');
  const destination = endOf(body, 'Destination');
  const fromSource = source ? sourceFields(call, source) : {};
  const type = String(fromSource.Type ?? original.Type);
  const toDestination = destination ? destinationFields(call, destination, type) : {};
  const { Id: _id, ...settings } = original;
  const rec: Rec = {
    ...settings,
    Id: randomUUID(),
    Name: typeof body.Name === 'string' && body.Name.trim() ? body.Name : `${String(original.Name)} (copy)`,
    ...FRESH,
    ...fromSource,
    ...toDestination,
  };
  if (destination) rec.Configuration = { ...((original.Configuration as object) ?? {}), ...(toDestination.Configuration as object) };
  return answer(call, def.name, col.insert(rec));
};
