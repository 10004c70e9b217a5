import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DefaultValuePipe, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { IS_PUBLIC_KEY, ROLES_KEY } from '@kakehashi/auth';
import { createTestTenant, loginToken, startApi, TestApi } from '../support/test-app';

// The OpenAPI document (GET /api/docs-json) checked against the routes it describes: the DTOs
// the ValidationPipe really applies, the guards' metadata, and the answers of the running api.

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema }> }
  >;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface DocumentedOperation {
  method: string;
  path: string;
  operation: Operation;
  /** The controller class and method behind the operation (operationId is Controller_method). */
  controller: Type;
  handler: string;
}

interface RouteArgument {
  kind: RouteParamKind;
  index: number;
  data?: string;
  pipes: unknown[];
  /** The parameter's declared type (what the ValidationPipe validates against). */
  type: unknown;
}

type RouteParamKind = 'body' | 'query' | 'param' | 'other';

// RouteParamtypes of @nestjs/common (not exported from its index).
const ROUTE_PARAM_KINDS: Record<number, RouteParamKind> = { 3: 'body', 4: 'query', 5: 'param' };
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const NON_ADMIN_ROLES = ['procurement', 'ciso', 'auditor'];
const HEALTH_PROBES = ['/health/live', '/health/ready'];
/**
 * Query values a route accepts (a link copied from the paged list keeps working) but ignores,
 * so they are left out of the document: the exports hold every row.
 */
const IGNORED_QUERY: Record<string, string[]> = {
  DashboardController_csv: ['page', 'pageSize'],
  DashboardController_xlsx: ['page', 'pageSize'],
};

function operationsOf(doc: OpenApiDocument, controllers: Map<string, Type>): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => {
        const [controllerName, handler] = operation.operationId.split('_');
        const controller = controllers.get(controllerName);
        if (!controller) throw new Error(`no controller behind ${operation.operationId}`);
        return { method, path, operation, controller, handler };
      }),
  );
}

function routeArguments(op: DocumentedOperation): RouteArgument[] {
  const raw = (Reflect.getMetadata(ROUTE_ARGS_METADATA, op.controller, op.handler) ?? {}) as Record<
    string,
    { index: number; data?: unknown; pipes?: unknown[] }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', op.controller.prototype, op.handler) ??
    []) as unknown[];
  return Object.entries(raw).map(([key, arg]) => ({
    kind: ROUTE_PARAM_KINDS[Number(key.split(':')[0])] ?? 'other',
    index: arg.index,
    data: typeof arg.data === 'string' ? arg.data : undefined,
    pipes: arg.pipes ?? [],
    type: types[arg.index],
  }));
}

function metadataOf<T>(key: string, op: DocumentedOperation): T | undefined {
  const handler = op.controller.prototype[op.handler] as object;
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, op.controller)) as
    T | undefined;
}

const isPublic = (op: DocumentedOperation) => metadataOf<boolean>(IS_PUBLIC_KEY, op) === true;
const label = (op: DocumentedOperation) => `${op.method.toUpperCase()} ${op.path}`;

/** A class the ValidationPipe validates against (a DTO), as opposed to String, Object, … */
function isDto(type: unknown): type is Type {
  return typeof type === 'function' && validatedProperties(type as Type).size > 0;
}

/**
 * The properties the ValidationPipe accepts on a DTO (whitelist: anything else is refused), each
 * with whether it may be left out: a conditional validation (@IsOptional, or @ValidateIf that
 * skips an absent value) that does not hold for an object without it.
 */
function validatedProperties(dto: Type): Map<string, { optional: boolean }> {
  const properties = new Map<string, { optional: boolean }>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const entry = properties.get(meta.propertyName) ?? { optional: false };
    if (meta.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      const condition = meta.constraints[0] as (object: object, value: unknown) => boolean;
      if (!condition({}, undefined)) entry.optional = true;
    }
    properties.set(meta.propertyName, entry);
  }
  return properties;
}

const requiredOf = (dto: Type) =>
  [...validatedProperties(dto)]
    .filter(([, p]) => !p.optional)
    .map(([name]) => name)
    .sort();

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref ?? schema?.allOf?.find((s) => s.$ref)?.$ref;
  if (!ref) return schema;
  return doc.components.schemas[ref.replace('#/components/schemas/', '')];
}

/** The class class-transformer builds for a nested property (its @Type), found by building one. */
function nestedClass(dto: Type, property: string, isArray: boolean): Type | undefined {
  const built = plainToInstance(dto, { [property]: isArray ? [{}] : {} }) as Record<
    string,
    unknown
  >;
  const value = isArray ? (built[property] as unknown[] | undefined)?.[0] : built[property];
  const type = (value as object | undefined)?.constructor;
  return type && type !== Object ? (type as Type) : undefined;
}

/**
 * Differences between a documented object schema and the DTO that validates it, nested DTOs
 * included: the same properties, and `required` exactly the ones that may not be left out.
 */
function schemaProblems(doc: OpenApiDocument, schema: Schema | undefined, dto: Type): string[] {
  const resolved = resolve(doc, schema);
  const where = dto.name;
  if (!resolved?.properties || Object.keys(resolved.properties).length === 0) {
    return [`${where}: the schema has no properties`];
  }
  const problems: string[] = [];
  const accepted = validatedProperties(dto);
  const documented = Object.keys(resolved.properties).sort();
  const expectedProperties = [...accepted.keys()].sort();
  if (documented.join() !== expectedProperties.join()) {
    problems.push(`${where}: documents [${documented}] but accepts [${expectedProperties}]`);
  }
  const required = [...(resolved.required ?? [])].sort();
  if (required.join() !== requiredOf(dto).join()) {
    problems.push(`${where}: required [${required}] but the DTO requires [${requiredOf(dto)}]`);
  }
  for (const [name, property] of Object.entries(resolved.properties)) {
    const isArray = property.type === 'array';
    const target = isArray ? property.items : property;
    if (!resolve(doc, target)?.properties) continue;
    const nested = nestedClass(dto, name, isArray);
    if (!nested) problems.push(`${where}.${name}: documented as an object, no nested DTO`);
    else problems.push(...schemaProblems(doc, target, nested));
  }
  return problems;
}

/** A value the documentation says is valid for a query or path parameter. */
function sampleValue(parameter: Parameter): string {
  const schema = parameter.schema ?? {};
  const value =
    schema.enum?.[0] ??
    schema.default ??
    schema.example ??
    (schema.format === 'uuid'
      ? randomUUID()
      : schema.type === 'integer' || schema.type === 'number'
        ? (schema.minimum ?? 1)
        : 'kakehashi');
  return String(value);
}

describe('OpenAPI document (GET /api/docs-json) against the real api', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let operations: DocumentedOperation[];
  let adminToken: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_ATTEMPTS_PER_MINUTE_PER_IP: '1000' });
    const response = await api.http().get('/api/docs-json').expect(200);
    doc = response.body as OpenApiDocument;
    const controllers = new Map<string, Type>();
    for (const module of api.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as Type | null;
        if (type) controllers.set(type.name, type);
      }
    }
    operations = operationsOf(doc, controllers);
    const tenant = await createTestTenant(api.dataSource, 'openapi');
    adminToken = await loginToken(api, tenant.users.admin.email);
  });
  afterAll(() => api.close());

  it('is served at /api/docs-json and describes the REST API', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.map(label)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/campaigns',
        'POST /api/v1/suppliers/import',
        'GET /api/v1/dashboard/summary',
      ]),
    );
  });

  it('lists no HTML page: only /api/v1 routes and the health probes, none answering HTML', async () => {
    const outside = operations
      .map((op) => op.path)
      .filter((path) => !path.startsWith('/api/v1/') && !HEALTH_PROBES.includes(path));
    expect(outside).toEqual([]);
    for (const page of ['/login', '/dashboard', '/console/suppliers', '/q/{token}', '/metrics']) {
      expect(doc.paths[page]).toBeUndefined();
    }
    const html: string[] = [];
    for (const op of operations.filter((o) => o.method === 'get')) {
      let url = op.path;
      for (const p of (op.operation.parameters ?? []).filter((x) => x.in === 'path')) {
        url = url.replace(`{${p.name}}`, sampleValue(p));
      }
      const response = await api.http().get(url).set('authorization', `Bearer ${adminToken}`);
      if (String(response.headers['content-type']).includes('text/html')) html.push(label(op));
    }
    expect(html).toEqual([]);
  });

  it('documents every request body with its properties and the fields the DTO requires', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const body = routeArguments(op).find((a) => a.kind === 'body');
      const content = op.operation.requestBody?.content ?? {};
      if (body && !op.operation.requestBody) problems.push(`${label(op)}: no requestBody`);
      for (const [mediaType, { schema }] of Object.entries(content)) {
        if (body && isDto(body.type)) {
          problems.push(...schemaProblems(doc, schema, body.type).map((p) => `${label(op)} ${p}`));
        } else {
          const resolved = resolve(doc, schema);
          if (!resolved?.properties || !resolved.required?.length) {
            problems.push(`${label(op)} ${mediaType}: schema without properties or required`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('requires the fields of CreateCampaignDto, AddSuppliersDto and CreateSupplierDto', () => {
    const schemas = doc.components.schemas;
    const required = (name: string) => [...(schemas[name]?.required ?? [])].sort();
    expect(required('CreateCampaignDto')).toEqual([
      'catalogVersion',
      'dueDate',
      'name',
      'supplierIds',
    ]);
    expect(required('AddSuppliersDto')).toEqual(['supplierIds']);
    expect(required('CreateSupplierDto')).toEqual(['contacts', 'name']);
    expect(required('SupplierContactDto')).toEqual(['email', 'name']);
    expect(required('ReminderPolicyDto')).toEqual([
      'beforeDays',
      'escalateAfterOverdue',
      'overdueEveryDays',
    ]);
    expect(schemas.CreateCampaignDto.properties?.supplierIds).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'uuid' },
    });
    expect(schemas.AddSuppliersDto.properties?.supplierIds).toMatchObject({ minItems: 1 });
  });

  it('documents the query parameters each route validates, required only where the DTO requires', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const documented = (op.operation.parameters ?? []).filter((p) => p.in === 'query');
      const expected = new Map<string, boolean>();
      for (const arg of routeArguments(op).filter((a) => a.kind === 'query')) {
        if (arg.data) {
          // A named query value is required only when a Parse*Pipe without a default reads it.
          const parses = arg.pipes.some((pipe) =>
            (typeof pipe === 'function' ? pipe.name : (pipe as object).constructor.name).startsWith(
              'Parse',
            ),
          );
          const defaulted = arg.pipes.some((pipe) => pipe instanceof DefaultValuePipe);
          expected.set(arg.data, parses && !defaulted);
        } else if (isDto(arg.type)) {
          for (const [name, p] of validatedProperties(arg.type)) expected.set(name, !p.optional);
        }
      }
      for (const p of documented) {
        if (!expected.has(p.name)) problems.push(`${label(op)}: ${p.name} is not accepted`);
        else if (Boolean(p.required) !== expected.get(p.name)) {
          problems.push(`${label(op)}: ${p.name} required=${Boolean(p.required)}`);
        }
      }
      const ignored = IGNORED_QUERY[op.operation.operationId] ?? [];
      for (const name of expected.keys()) {
        if (!documented.some((p) => p.name === name) && !ignored.includes(name)) {
          problems.push(`${label(op)}: ${name} is not documented`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents no query parameter that the route refuses or ignores', async () => {
    const refused: string[] = [];
    for (const op of operations.filter((o) => o.method === 'get')) {
      let url = op.path;
      const query = new URLSearchParams();
      for (const p of op.operation.parameters ?? []) {
        if (p.in === 'path') url = url.replace(`{${p.name}}`, sampleValue(p));
        if (p.in === 'query') query.set(p.name, sampleValue(p));
      }
      for (const target of [url, `${url}?${query.toString()}`]) {
        const response = await api.http().get(target).set('authorization', `Bearer ${adminToken}`);
        if (response.status === 400 || response.status >= 500) {
          refused.push(`${target} -> ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(refused).toEqual([]);
    const exportParameters = ['csv', 'xlsx'].flatMap((kind) =>
      (doc.paths[`/api/v1/dashboard/export.${kind}`].get.parameters ?? []).map((p) => p.name),
    );
    expect(exportParameters).not.toContain('page');
    expect(exportParameters).not.toContain('pageSize');
    const outboxLimit = doc.paths['/api/v1/admin/outbox'].get.parameters?.find(
      (p) => p.name === 'limit',
    );
    expect(outboxLimit).toMatchObject({ required: false, schema: { default: 50 } });
  });

  it('leaves paging out of the exports yet validates it as the list does', async () => {
    const get = (url: string) => api.http().get(url).set('authorization', `Bearer ${adminToken}`);
    for (const path of ['suppliers', 'export.csv', 'export.xlsx']) {
      const tooLarge = await get(`/api/v1/dashboard/${path}?pageSize=500`).expect(400);
      expect((tooLarge.body as { message: string }).message).toBe('pageSize must be at most 200');
      await get(`/api/v1/dashboard/${path}?page=0`).expect(400);
      await get(`/api/v1/dashboard/${path}?page=2&pageSize=1`).expect(200);
    }
  });

  it('documents the supplier import as a multipart upload of a binary `file`', () => {
    const upload = doc.paths['/api/v1/suppliers/import'].post;
    const schema = resolve(doc, upload.requestBody?.content['multipart/form-data']?.schema);
    expect(schema?.required).toContain('file');
    expect(schema?.properties?.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(upload.parameters?.map((p) => [p.name, p.required])).toEqual(
      expect.arrayContaining([
        ['dryRun', false],
        ['mode', false],
      ]),
    );
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '413', '415']),
    );
    const multipart = operations.filter(
      (op) => op.operation.requestBody?.content['multipart/form-data'],
    );
    for (const op of multipart) {
      const body = resolve(doc, op.operation.requestBody!.content['multipart/form-data'].schema);
      const files = Object.values(body?.properties ?? {}).filter((p) => p.format === 'binary');
      expect(files.length).toBeGreaterThan(0);
    }
  });

  it('documents 401 on every route that needs a session, and a bearer security requirement', () => {
    const missing = operations
      .filter((op) => !isPublic(op))
      .filter(
        (op) =>
          !op.operation.responses['401'] ||
          !op.operation.security?.some((requirement) => 'bearer' in requirement),
      )
      .map(label);
    expect(missing).toEqual([]);
  });

  it('documents 403 on every route closed to some role, 404 on every route with an id', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const roles = metadataOf<string[]>(ROLES_KEY, op) ?? [];
      const closed = roles.length > 0 && !NON_ADMIN_ROLES.every((role) => roles.includes(role));
      if (closed && !op.operation.responses['403']) problems.push(`${label(op)}: no 403`);
      const ids = (op.operation.parameters ?? []).filter(
        (p) => p.in === 'path' && /(^id|Id)$/.test(p.name),
      );
      if (ids.length && !op.operation.responses['404']) problems.push(`${label(op)}: no 404`);
      for (const id of ids.filter((p) => p.schema?.format !== 'uuid')) {
        problems.push(`${label(op)}: path parameter ${id.name} is not a uuid`);
      }
      for (const [status, response] of Object.entries(op.operation.responses)) {
        if (Number(status) >= 400 && !response.description) {
          problems.push(`${label(op)}: ${status} has no description`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the success answer of every route with a schema (204 aside)', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const success = Object.entries(op.operation.responses).filter(([s]) => /^2\d\d$/.test(s));
      if (success.length === 0) problems.push(`${label(op)}: no success response`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        if (schemas.length === 0 || schemas.some((s) => !s)) {
          problems.push(`${label(op)}: ${status} has no schema`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
