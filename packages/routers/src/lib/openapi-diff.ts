/**
 * A small oasdiff-style breaking-change check between two OpenAPI 3.x documents of the same API version: what
 * a client built against `before` could no longer do against `after`. Additions (paths, operations, optional
 * parameters and properties, wider types, new response properties) pass; the rules below fail. Request-side
 * schemas may not narrow (a value the client sends today must stay valid); response-side schemas may not
 * lose what a client reads (a property, a guarantee that it is present, its type, the success status).
 */

type Json = Record<string, unknown>;

export type BreakingChange = {
  /** `METHOD /path` and where inside it: `POST /users requestBody.email`. */
  path: string;
  rule:
    | 'path-removed'
    | 'operation-removed'
    | 'parameter-removed'
    | 'parameter-newly-required'
    | 'request-property-removed'
    | 'request-property-newly-required'
    | 'request-body-newly-required'
    | 'type-narrowed'
    | 'enum-value-removed'
    | 'format-added'
    | 'pattern-added'
    | 'limit-narrowed'
    | 'response-property-removed'
    | 'response-property-newly-optional'
    | 'response-type-changed'
    | 'success-status-changed';
  message: string;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local `$ref` (`#/components/...`) once per level; unknown refs read as an empty schema. */
const resolver = (doc: Json) => {
  const deref = (value: unknown, seen = new Set<string>()): Json => {
    if (!isObject(value)) return {};
    const ref = value.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return value;
    if (seen.has(ref)) return {};
    seen.add(ref);
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part] : undefined;
    return deref(target, seen);
  };
  return deref;
};

type Deref = ReturnType<typeof resolver>;

/** Branches of a union (`anyOf`/`oneOf`); a schema that is no union is its own single branch. */
const branchesOf = (schema: Json, deref: Deref): Json[] => {
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (!Array.isArray(union)) return [schema];
  return union.flatMap((branch) => branchesOf(deref(branch), deref));
};

/** The JSON types a schema admits; undefined when it does not constrain them. */
const typesOf = (schema: Json, deref: Deref): Set<string> | undefined => {
  const types = new Set<string>();
  for (const branch of branchesOf(schema, deref)) {
    const { type } = branch;
    if (typeof type === 'string') types.add(type);
    else if (Array.isArray(type)) for (const t of type) types.add(String(t));
    else if (branch.const !== undefined) types.add(branch.const === null ? 'null' : typeof branch.const);
    else if (Array.isArray(branch.enum))
      for (const v of branch.enum) types.add(v === null ? 'null' : typeof v);
    else if (!isObject(branch.items) && !isObject(branch.properties)) return undefined;
    else types.add(isObject(branch.items) ? 'array' : 'object');
  }
  return types;
};

const covers = (wider: Set<string>, type: string) =>
  wider.has(type) || (type === 'integer' && wider.has('number'));

/** Properties and required names of an object schema, across `allOf` and the object branches of a union. */
const objectOf = (
  schema: Json,
  deref: Deref,
): { properties: Record<string, Json>; required: Set<string> } => {
  const properties: Record<string, Json> = {};
  const required = new Set<string>();
  const parts = [
    ...branchesOf(schema, deref),
    ...((schema.allOf as unknown[] | undefined) ?? []).map((part) => deref(part)),
  ];
  for (const part of parts) {
    if (isObject(part.properties)) {
      for (const [name, value] of Object.entries(part.properties)) properties[name] = deref(value);
    }
    if (Array.isArray(part.required)) for (const name of part.required) required.add(String(name));
  }
  return { properties, required };
};

const itemsOf = (schema: Json, deref: Deref): Json | undefined => {
  for (const branch of branchesOf(schema, deref)) if (isObject(branch.items)) return deref(branch.items);
  return undefined;
};

/** A constraint of the non-null branches, when exactly that branch carries it. */
const constraint = (schema: Json, deref: Deref, key: string): unknown => {
  for (const branch of branchesOf(schema, deref)) if (branch[key] !== undefined) return branch[key];
  return undefined;
};

const enumOf = (schema: Json, deref: Deref): unknown[] | undefined => {
  const values: unknown[] = [];
  for (const branch of branchesOf(schema, deref)) {
    if (Array.isArray(branch.enum)) values.push(...branch.enum);
    else if (branch.const !== undefined) values.push(branch.const);
    else if (branch.type !== 'null') return undefined;
  }
  return values;
};

type Push = (path: string, rule: BreakingChange['rule'], message: string) => void;

/** Limits whose tightening refuses values accepted before: [key, "tighter" when the new one is ...]. */
const LIMITS = [
  ['maxLength', 'lower'],
  ['maxItems', 'lower'],
  ['maximum', 'lower'],
  ['exclusiveMaximum', 'lower'],
  ['minLength', 'higher'],
  ['minItems', 'higher'],
  ['minimum', 'higher'],
  ['exclusiveMinimum', 'higher'],
] as const;

/** A schema of what the client sends: every value valid before must stay valid. */
const compareRequestSchema = (
  at: string,
  before: Json,
  after: Json,
  derefs: { before: Deref; after: Deref },
  push: Push,
  depth = 0,
): void => {
  if (depth > 32) return;
  const oldTypes = typesOf(before, derefs.before);
  const newTypes = typesOf(after, derefs.after);
  if (newTypes && (!oldTypes || [...oldTypes].some((type) => !covers(newTypes, type)))) {
    push(
      at,
      'type-narrowed',
      `type narrowed from ${oldTypes ? [...oldTypes].join('|') : 'any'} to ${[...newTypes].join('|')}`,
    );
    return;
  }
  const oldEnum = enumOf(before, derefs.before);
  const newEnum = enumOf(after, derefs.after);
  if (newEnum) {
    const removed = (oldEnum ?? []).filter((value) => !newEnum.some((v) => Object.is(v, value)));
    if (!oldEnum) push(at, 'enum-value-removed', 'values newly restricted to an enum');
    else if (removed.length > 0)
      push(at, 'enum-value-removed', `enum values removed: ${removed.map(String).join(', ')}`);
  }
  for (const key of ['format', 'pattern'] as const) {
    const was = constraint(before, derefs.before, key);
    const is = constraint(after, derefs.after, key);
    if (is !== undefined && is !== was) {
      push(
        at,
        key === 'format' ? 'format-added' : 'pattern-added',
        `${key} ${String(is)} added (was ${String(was ?? 'none')})`,
      );
    }
  }
  for (const [key, tighter] of LIMITS) {
    const was = constraint(before, derefs.before, key);
    const is = constraint(after, derefs.after, key);
    if (typeof is !== 'number') continue;
    const narrowed = typeof was !== 'number' || (tighter === 'lower' ? is < was : is > was);
    if (narrowed) push(at, 'limit-narrowed', `${key} narrowed to ${is} (was ${String(was ?? 'none')})`);
  }
  const oldObject = objectOf(before, derefs.before);
  const newObject = objectOf(after, derefs.after);
  for (const [name, schema] of Object.entries(oldObject.properties)) {
    const next = newObject.properties[name];
    if (!next) {
      push(`${at}.${name}`, 'request-property-removed', 'request property removed or renamed');
      continue;
    }
    compareRequestSchema(`${at}.${name}`, schema, next, derefs, push, depth + 1);
  }
  for (const name of newObject.required) {
    if (!oldObject.required.has(name)) {
      push(`${at}.${name}`, 'request-property-newly-required', 'request property newly required');
    }
  }
  const oldItems = itemsOf(before, derefs.before);
  const newItems = itemsOf(after, derefs.after);
  if (oldItems && newItems) compareRequestSchema(`${at}[]`, oldItems, newItems, derefs, push, depth + 1);
};

/** A schema of what the client reads: nothing it reads may disappear, turn optional or change type. */
const compareResponseSchema = (
  at: string,
  before: Json,
  after: Json,
  derefs: { before: Deref; after: Deref },
  push: Push,
  depth = 0,
): void => {
  if (depth > 32) return;
  const oldTypes = typesOf(before, derefs.before);
  const newTypes = typesOf(after, derefs.after);
  if (oldTypes && (!newTypes || [...newTypes].some((type) => !covers(oldTypes, type)))) {
    push(
      at,
      'response-type-changed',
      `type changed from ${[...oldTypes].join('|')} to ${newTypes ? [...newTypes].join('|') : 'any'}`,
    );
    return;
  }
  const oldObject = objectOf(before, derefs.before);
  const newObject = objectOf(after, derefs.after);
  for (const [name, schema] of Object.entries(oldObject.properties)) {
    const next = newObject.properties[name];
    if (!next) {
      push(`${at}.${name}`, 'response-property-removed', 'response property removed or renamed');
      continue;
    }
    if (oldObject.required.has(name) && !newObject.required.has(name)) {
      push(`${at}.${name}`, 'response-property-newly-optional', 'response property no longer always present');
    }
    compareResponseSchema(`${at}.${name}`, schema, next, derefs, push, depth + 1);
  }
  const oldItems = itemsOf(before, derefs.before);
  const newItems = itemsOf(after, derefs.after);
  if (oldItems && newItems) compareResponseSchema(`${at}[]`, oldItems, newItems, derefs, push, depth + 1);
};

const jsonSchemaOf = (holder: unknown, deref: Deref): Json | undefined => {
  const content = deref(holder).content;
  if (!isObject(content)) return undefined;
  const media = content['application/json'] ?? Object.values(content)[0];
  return isObject(media) && media.schema !== undefined ? deref(media.schema) : undefined;
};

const parametersOf = (pathItem: Json, operation: Json, deref: Deref): Map<string, Json> => {
  const params = new Map<string, Json>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = deref(raw);
      params.set(`${String(param.in)}:${String(param.name)}`, param);
    }
  }
  return params;
};

const compareOperation = (
  at: string,
  item: { before: Json; after: Json },
  op: { before: Json; after: Json },
  derefs: { before: Deref; after: Deref },
  push: Push,
): void => {
  const oldParams = parametersOf(item.before, op.before, derefs.before);
  const newParams = parametersOf(item.after, op.after, derefs.after);
  for (const [key, param] of oldParams) {
    const next = newParams.get(key);
    const label = `${at} ${String(param.in)} parameter ${String(param.name)}`;
    if (!next) {
      push(label, 'parameter-removed', 'parameter removed or renamed');
      continue;
    }
    if (next.required === true && param.required !== true)
      push(label, 'parameter-newly-required', 'parameter newly required');
    compareRequestSchema(label, derefs.before(param.schema), derefs.after(next.schema), derefs, push);
  }
  for (const [key, param] of newParams) {
    if (!oldParams.has(key) && param.required === true) {
      push(
        `${at} ${String(param.in)} parameter ${String(param.name)}`,
        'parameter-newly-required',
        'new required parameter',
      );
    }
  }
  const oldBody = derefs.before(op.before.requestBody);
  const newBody = derefs.after(op.after.requestBody);
  if (newBody.required === true && oldBody.required !== true && op.before.requestBody !== undefined) {
    push(`${at} requestBody`, 'request-body-newly-required', 'request body newly required');
  }
  const oldBodySchema = jsonSchemaOf(op.before.requestBody, derefs.before);
  const newBodySchema = jsonSchemaOf(op.after.requestBody, derefs.after);
  if (newBodySchema && !oldBodySchema && newBody.required === true) {
    push(`${at} requestBody`, 'request-body-newly-required', 'request body newly required');
  }
  if (oldBodySchema && newBodySchema) {
    compareRequestSchema(`${at} requestBody`, oldBodySchema, newBodySchema, derefs, push);
  }
  const oldResponses = isObject(op.before.responses) ? op.before.responses : {};
  const newResponses = isObject(op.after.responses) ? op.after.responses : {};
  const successes = (responses: Json) => Object.keys(responses).filter((code) => /^2\d\d$/.test(code));
  const oldCodes = successes(oldResponses);
  const newCodes = successes(newResponses);
  for (const code of oldCodes) {
    if (!newCodes.includes(code)) {
      push(
        `${at} responses`,
        'success-status-changed',
        `success status ${code} became ${newCodes.join(', ') || 'none'}`,
      );
      continue;
    }
    const before = jsonSchemaOf(oldResponses[code], derefs.before);
    const after = jsonSchemaOf(newResponses[code], derefs.after);
    if (before && after) compareResponseSchema(`${at} response ${code}`, before, after, derefs, push);
  }
};

/** Every breaking change from `before` to `after`; empty when `after` only adds. */
export const findBreakingChanges = (before: Json, after: Json): BreakingChange[] => {
  const changes: BreakingChange[] = [];
  const push: Push = (path, rule, message) => changes.push({ path, rule, message });
  const derefs = { before: resolver(before), after: resolver(after) };
  const oldPaths = isObject(before.paths) ? before.paths : {};
  const newPaths = isObject(after.paths) ? after.paths : {};
  for (const [path, rawItem] of Object.entries(oldPaths)) {
    const oldItem = derefs.before(rawItem);
    const newItem = newPaths[path] === undefined ? undefined : derefs.after(newPaths[path]);
    if (!newItem) {
      push(path, 'path-removed', 'path removed');
      continue;
    }
    for (const method of METHODS) {
      if (!isObject(oldItem[method])) continue;
      const at = `${method.toUpperCase()} ${path}`;
      const next = newItem[method];
      if (!isObject(next)) {
        push(at, 'operation-removed', 'operation removed');
        continue;
      }
      compareOperation(
        at,
        { before: oldItem, after: newItem },
        { before: oldItem[method], after: next },
        derefs,
        push,
      );
    }
  }
  return changes;
};

/** A failure message naming each change, and what to do about it. */
export const describeBreakingChanges = (
  changes: readonly BreakingChange[],
  opts: { version: string; refresh: string },
): string =>
  [
    `The live OpenAPI document of ${opts.version} breaks its published snapshot in ${changes.length} place(s):`,
    ...changes.map((change) => `  - ${change.path}: ${change.message} [${change.rule}]`),
    'Clients in the field were built against the snapshot. Either make the change additive (optional fields,',
    'new paths, wider types), or ship it under a new API version (add it to the version registry and deprecate',
    `${opts.version}). When the change is intended and additive, refresh the snapshot with: ${opts.refresh}`,
  ].join('\n');
