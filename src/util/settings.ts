import type { AcquireModel, LibraryModel, ResourceModel, WrapperModel } from '../models/model.js';

import { builtinModels } from '../models/index.js';

/**
 * `settings['db-leaks']`: a project's own database wrappers, in the vocabulary of the built-in
 * models. See docs/settings.md.
 */
export interface DbLeaksSettings {
  /** Resources the project acquires and releases through its own classes or functions. */
  resources?: {
    /** Where the acquire methods and resource types are declared: an npm package, or a project file. */
    package?: string;
    file?: string;
    noun?: string;
    kind?: ResourceModel['kind'];
    /** `owner` is the declaring class or interface (omit for a plain function). */
    acquire: { owner?: string; method: string; returns?: 'promise' | 'value' }[];
    release: string[];
    /** Names of the types whose values are this resource. */
    types?: string[];
  }[];
  /** Functions or methods that run a callback in a transaction, or while a client is held. */
  wrappers?: {
    package?: string;
    file?: string;
    owner?: string;
    method: string;
    kind: 'transaction' | 'connection';
    /** The library whose connection or transaction it holds (`pg`, `knex`). */
    library: string;
    callback?: number;
    handle?: number;
  }[];
  /** Modules and function-name patterns that count as network I/O, for every rule. */
  networkModules?: string[];
  networkFunctions?: string[];
  /** Handles that are allowed inside transactions (`auditPool`). */
  ignoreHandles?: string[];
}

export interface ResolvedSettings {
  /** The built-in models, plus one built from the settings when there are any. */
  readonly models: readonly LibraryModel[];
  readonly networkModules: readonly string[];
  readonly networkFunctions: readonly string[];
  readonly ignoreHandles: readonly string[];
}

const NO_SETTINGS: ResolvedSettings = { models: builtinModels, networkModules: [], networkFunctions: [], ignoreHandles: [] };
const RESOURCE_KINDS = ['connection', 'cursor', 'session', 'statement', 'transaction'];

/** The settings, validated once per settings object (ESLint shares it between files). */
const resolved = new WeakMap<object, ResolvedSettings>();

export function resolveSettings(settings: Readonly<Record<string, unknown>>): ResolvedSettings {
  const raw = settings['db-leaks'];
  if (raw === undefined) {
    return NO_SETTINGS;
  }
  if (!isObject(raw)) {
    throw settingsError('', 'an object', raw);
  }
  let result = resolved.get(raw);
  if (!result) {
    result = build(raw);
    resolved.set(raw, result);
  }
  return result;
}

function build(raw: Record<string, unknown>): ResolvedSettings {
  expectKeys(raw, '', ['resources', 'wrappers', 'networkModules', 'networkFunctions', 'ignoreHandles']);
  const packages = new Set<string>();
  const files = new Set<string>();
  const locate = (entry: Record<string, unknown>, at: string): void => {
    const pkg = optional(entry, 'package', at, isString, 'an npm package name');
    const file = optional(entry, 'file', at, isString, 'a project file path such as "src/db/session.ts"');
    if ((pkg === undefined) === (file === undefined)) {
      throw settingsError(at, 'exactly one of "package" or "file"', entry);
    }
    if (pkg !== undefined) {
      packages.add(pkg);
    } else {
      files.add(file!.replace(/^\.\//, ''));
    }
  };
  const resources = list(raw, 'resources', '').map((entry, index): ResourceModel => {
    const at = `.resources[${index}]`;
    expectObject(entry, at);
    expectKeys(entry, at, ['package', 'file', 'noun', 'kind', 'acquire', 'release', 'types']);
    locate(entry, at);
    const kind = optional(entry, 'kind', at, (value): value is ResourceModel['kind'] => RESOURCE_KINDS.includes(value as string), `one of ${RESOURCE_KINDS.join(', ')}`) ?? 'connection';
    const acquire = list(entry, 'acquire', at).map((method, methodIndex): AcquireModel => {
      const methodAt = `${at}.acquire[${methodIndex}]`;
      expectObject(method, methodAt);
      expectKeys(method, methodAt, ['owner', 'method', 'returns']);
      return {
        owner: optional(method, 'owner', methodAt, isString, 'the declaring class or interface name') ?? null,
        method: required(method, 'method', methodAt, isString, 'a method or function name'),
        returns: optional(method, 'returns', methodAt, (value): value is 'promise' | 'value' => value === 'promise' || value === 'value', '"promise" or "value"') ?? 'promise',
      };
    });
    if (acquire.length === 0) {
      throw settingsError(`${at}.acquire`, 'a non-empty array of { owner?, method, returns? }', entry.acquire);
    }
    return {
      id: `settings.${kind}${index}`,
      kind,
      noun: optional(entry, 'noun', at, isString, 'a noun for messages, such as "session"') ?? kind,
      acquire,
      release: required(entry, 'release', at, isStringArray, 'an array of method names, such as ["release"]'),
      types: optional(entry, 'types', at, isStringArray, 'an array of type names'),
    };
  });
  const wrappers = list(raw, 'wrappers', '').map((entry, index): WrapperModel => {
    const at = `.wrappers[${index}]`;
    expectObject(entry, at);
    expectKeys(entry, at, ['package', 'file', 'owner', 'method', 'kind', 'library', 'callback', 'handle']);
    locate(entry, at);
    const library = required(entry, 'library', at, isString, 'the name of a built-in library model');
    if (!builtinModels.some((model) => model.name === library)) {
      throw settingsError(`${at}.library`, `one of ${builtinModels.map((model) => model.name).join(', ')}`, library);
    }
    return {
      owner: optional(entry, 'owner', at, isString, 'the declaring class name') ?? null,
      method: required(entry, 'method', at, isString, 'a method or function name'),
      kind: required(entry, 'kind', at, (value): value is WrapperModel['kind'] => value === 'transaction' || value === 'connection', '"transaction" or "connection"'),
      library,
      callbackIndex: optional(entry, 'callback', at, isIndex, 'an argument index (0 for the first)') ?? 0,
      handleIndex: optional(entry, 'handle', at, isIndex, 'a parameter index of the callback') ?? 0,
    };
  });
  const strings = (key: string, shape: string): string[] => optional(raw, key, '', isStringArray, shape) ?? [];
  const model: LibraryModel = { name: 'settings', packages: [...packages], files: [...files], resources, wrappers };
  return {
    models: resources.length > 0 || wrappers.length > 0 ? [...builtinModels, model] : builtinModels,
    networkModules: strings('networkModules', 'an array of module names, such as ["@acme/http"]'),
    networkFunctions: regularExpressions(strings('networkFunctions', 'an array of regular expressions, such as ["^callPartner"]')),
    ignoreHandles: strings('ignoreHandles', 'an array of handle expressions, such as ["auditPool"]'),
  };
}

/** Each pattern compiled once here, so a bad one stops the run before any file is linted. */
function regularExpressions(patterns: string[]): string[] {
  patterns.forEach((pattern, index) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      throw settingsError(`.networkFunctions[${index}]`, `a valid regular expression (${(error as Error).message})`, pattern);
    }
  });
  return patterns;
}

/**
 * An error whose whole story is its first line. ESLint prints a fatal error's `stack`, and
 * prefixes its `message` with whichever rule happened to read the settings first; a settings
 * mistake belongs to no rule and needs no stack trace.
 */
function settingsError(at: string, expected: string, actual: unknown): Error {
  const error = new Error(`eslint-plugin-db-leaks: settings['db-leaks']${at} must be ${expected}; got ${JSON.stringify(actual)}. See docs/settings.md.`);
  error.stack = error.message;
  return error;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

function isIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function expectObject(value: unknown, at: string): asserts value is Record<string, unknown> {
  if (!isObject(value)) {
    throw settingsError(at, 'an object', value);
  }
}

function expectKeys(entry: Record<string, unknown>, at: string, keys: readonly string[]): void {
  const unknown = Object.keys(entry).find((key) => !keys.includes(key));
  if (unknown !== undefined) {
    const near = keys.find((key) => editDistance(key.toLowerCase(), unknown.toLowerCase()) <= Math.max(1, Math.floor(key.length / 4)));
    const hint = near === undefined ? `the known keys are ${keys.join(', ')}` : `did you mean "${near}"?`;
    throw settingsError(`${at}.${unknown}`, `left out: ${hint}`, entry[unknown]);
  }
}

/** Levenshtein distance, for "did you mean" on a misspelt key. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function list(entry: Record<string, unknown>, key: string, at: string): unknown[] {
  const value = entry[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw settingsError(`${at}.${key}`, 'an array', value);
  }
  return value;
}

function optional<T>(entry: Record<string, unknown>, key: string, at: string, check: (value: unknown) => value is T, shape: string): T | undefined {
  const value = entry[key];
  if (value === undefined) {
    return undefined;
  }
  if (!check(value)) {
    throw settingsError(`${at}.${key}`, shape, value);
  }
  return value;
}

function required<T>(entry: Record<string, unknown>, key: string, at: string, check: (value: unknown) => value is T, shape: string): T {
  const value = optional(entry, key, at, check, shape);
  if (value === undefined) {
    throw settingsError(`${at}.${key}`, shape, undefined);
  }
  return value;
}
