// Validates a Compose file without a Docker engine, the way `docker compose config` would:
//  1. YAML syntax (duplicate keys are errors);
//  2. variable interpolation (${VAR}, ${VAR:-default}, ${VAR:?error}, $$): every variable must be
//     listed in the env file (docker/.env.example), required ones may be left empty there;
//  3. the official Compose Specification JSON schema (compose-spec/compose-spec, as shipped in the
//     npm package dclint), with Ajv;
//  4. references the schema cannot see: depends_on targets (with a health check where a healthy
//     state is awaited), networks and named volumes declared, build context and Dockerfile present,
//     published host ports unique, and the Dockerfile itself (dockerfile-utils).
// Usage: node validate-compose.mjs [compose.yaml] [--env-file file]   exit 1 on any error
//        node validate-compose.mjs --self-test   exit 0 only if every fixture in fixtures/ fails,
//        and so does a copy of compose.yaml with an unknown top-level key
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validate as validateDockerfile } from 'dockerfile-utils';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEFAULT_COMPOSE = path.join(here, '..', 'compose.yaml');
const DEFAULT_ENV = path.join(here, '..', '.env.example');

// The planted violations of --self-test, in fixtures/, and the check that must reject each one.
const SELF_TEST = {
  'unknown-top-level-key.yaml': 'schema',
  'unknown-service-key.yaml': 'schema',
  'missing-dependency.yaml': 'references',
  'unlisted-variable.yaml': 'interpolation',
  'duplicate-key.yaml': 'yaml',
};

function loadSchema() {
  const dir = path.dirname(require.resolve('dclint/package.json'));
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', 'compose.schema.json'), 'utf8'));
  // the schema is draft-07 but names its meta-schema by an address Ajv does not register
  delete schema.$schema;
  // strict about the schema's keywords; its type unions and tuples are fine as they are
  const ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// KEY=VALUE lines, # comments; surrounding quotes are dropped.
function readEnvFile(file) {
  const values = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    values.set(match[1], match[2].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return values;
}

// Compose interpolation of one string. Returns the result; records errors and used variables.
function interpolate(text, env, where, state) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) { out += text.slice(i); break; }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') { out += '$'; i = dollar + 2; continue; }
    if (next === '{') {
      // find the matching brace: defaults may nest ${...}
      let depth = 1;
      let end = dollar + 2;
      for (; end < text.length && depth; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}') depth--;
      }
      if (depth) { state.errors.push(`${where}: unclosed "\${" in "${text}"`); return out; }
      out += substitute(text.slice(dollar + 2, end - 1), env, where, state);
      i = end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(dollar + 1));
    if (name) { out += substitute(name[0], env, where, state); i = dollar + 1 + name[0].length; continue; }
    state.errors.push(`${where}: a lone "$" (write "$$" for a literal dollar) in "${text}"`);
    out += '$';
    i = dollar + 1;
  }
  return out;
}

function substitute(expression, env, where, state) {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) { state.errors.push(`${where}: invalid interpolation "\${${expression}}"`); return ''; }
  const [, name, operator, argument = ''] = match;
  state.used.add(name);
  if (!env.has(name)) {
    state.errors.push(`${where}: variable ${name} is not listed in ${path.basename(state.envFile)}`);
  }
  const value = env.get(name);
  const set = value !== undefined && (value !== '' || !operator || !operator.startsWith(':'));
  switch (operator) {
    case ':-': case '-':
      return set ? value : interpolate(argument, env, where, state);
    case ':+': case '+':
      return set ? interpolate(argument, env, where, state) : '';
    case ':?': case '?':
      // required: left empty in the example on purpose, the real .env must fill it in
      if (!set) state.required.add(name);
      return set ? value : `<${name}>`;
    default:
      return value ?? '';
  }
}

// Interpolates every string value (not the keys) of the parsed document.
function interpolateTree(node, env, where, state) {
  if (typeof node === 'string') return interpolate(node, env, where, state);
  if (Array.isArray(node)) return node.map((item, i) => interpolateTree(item, env, `${where}[${i}]`, state));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env, `${where}.${k}`, state)]));
  }
  return node;
}

// What the schema cannot check: references between the parts of the file, and the Dockerfiles.
function checkReferences(compose, composeDir, errors) {
  const services = compose.services || {};
  const networks = Object.keys(compose.networks || {});
  const volumes = Object.keys(compose.volumes || {});
  const hostPorts = new Map();
  for (const [name, service] of Object.entries(services)) {
    const where = `services.${name}`;
    const dependsOn = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
      : service.depends_on || {};
    for (const [target, options] of Object.entries(dependsOn)) {
      if (!services[target]) {
        errors.push(`${where}.depends_on: no service named "${target}"`);
      } else if (options.condition === 'service_healthy' && !services[target].healthcheck && !services[target].build) {
        errors.push(`${where}.depends_on: "${target}" is awaited healthy but has no healthcheck`);
      }
    }
    const serviceNetworks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks || {});
    for (const network of serviceNetworks.filter((n) => n !== 'default' && !networks.includes(n))) {
      errors.push(`${where}.networks: network "${network}" is not declared under networks`);
    }
    for (const volume of service.volumes || []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.type === 'volume' && volume.source;
      if (source && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source) && !volumes.includes(source)) {
        errors.push(`${where}.volumes: named volume "${source}" is not declared under volumes`);
      }
    }
    for (const port of service.ports || []) {
      // "8080:8080", "127.0.0.1:8080:8080/tcp" or { published: 8080, target: 8080 }
      const published = typeof port === 'object' ? port.published : String(port).split(':').slice(-2, -1)[0];
      if (!published) continue;
      if (hostPorts.has(String(published))) {
        errors.push(`${where}.ports: host port ${published} is published by ${hostPorts.get(String(published))} too`);
      }
      hostPorts.set(String(published), name);
    }
    if (service.build) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = path.resolve(composeDir, build.context || '.');
      const dockerfile = path.resolve(context, build.dockerfile || 'Dockerfile');
      if (!fs.existsSync(context)) {
        errors.push(`${where}.build.context: ${context} does not exist`);
      } else if (!fs.existsSync(dockerfile)) {
        errors.push(`${where}.build.dockerfile: ${dockerfile} does not exist`);
      } else {
        for (const d of validateDockerfile(fs.readFileSync(dockerfile, 'utf8'), {})) {
          if (d.severity === 1) errors.push(`${path.relative(process.cwd(), dockerfile)}:${d.range.start.line + 1}: ${d.message}`);
        }
      }
    }
  }
}

// Validates one Compose file; returns the errors, each tagged with the check that found it.
// Relative paths (build contexts) are resolved against baseDir, by default the file's folder.
function validateCompose(file, envFile, validateSchema, baseDir = path.dirname(file)) {
  const errors = [];
  const add = (check) => (message) => errors.push({ check, message });
  const document = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  document.errors.forEach((e) => add('yaml')(e.message));
  if (document.errors.length) return errors;
  const raw = document.toJS({ maxAliasCount: 100 });
  if (!raw || typeof raw !== 'object') return [{ check: 'yaml', message: 'not a mapping' }];

  const env = readEnvFile(envFile);
  const state = { errors: [], used: new Set(), required: new Set(), envFile };
  const compose = interpolateTree(raw, env, '', state);
  state.errors.forEach(add('interpolation'));

  if (!validateSchema(compose)) {
    for (const e of validateSchema.errors) {
      const detail = e.params.additionalProperty ? ` "${e.params.additionalProperty}"` : '';
      add('schema')(`${e.instancePath || '/'}: ${e.message}${detail}`);
    }
  }
  const referenceErrors = [];
  checkReferences(compose, baseDir, referenceErrors);
  referenceErrors.forEach(add('references'));
  return { errors, state, compose };
}

function report(file, result) {
  const errors = Array.isArray(result) ? result : result.errors;
  for (const e of errors) console.log(`${file}  error  ${e.check}: ${e.message}`);
  return errors;
}

function selfTest(validateSchema) {
  const dir = path.join(here, 'fixtures');
  const present = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  let missed = 0;
  for (const name of [...new Set([...present, ...Object.keys(SELF_TEST)])].sort()) {
    const expected = SELF_TEST[name];
    if (!expected || !present.includes(name)) {
      console.log(`MISSED  ${name}: ${expected ? 'fixture file is missing' : 'fixture not listed in SELF_TEST'}`);
      missed++;
      continue;
    }
    const errors = report(name, validateCompose(path.join(dir, name), DEFAULT_ENV, validateSchema));
    if (errors.some((e) => e.check === expected)) {
      console.log(`REJECTED  ${name}: ${errors.length} error(s), as expected from the ${expected} check`);
    } else {
      console.log(`MISSED  ${name}: expected an error from the ${expected} check`);
      missed++;
    }
  }
  // and the real file with a planted unknown top-level key, written to a temporary copy
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-')), 'compose.yaml');
  fs.writeFileSync(copy, `${fs.readFileSync(DEFAULT_COMPOSE, 'utf8')}\nservics: {}\n`);
  const errors = report('compose.yaml + "servics:"', validateCompose(copy, DEFAULT_ENV, validateSchema, path.dirname(DEFAULT_COMPOSE)));
  fs.rmSync(path.dirname(copy), { recursive: true });
  if (errors.some((e) => e.check === 'schema')) {
    console.log('REJECTED  compose.yaml with an unknown top-level key, as expected from the schema check');
  } else {
    console.log('MISSED  compose.yaml with an unknown top-level key: expected an error from the schema check');
    missed++;
  }
  console.log(`self-test: ${present.length + 1} bad file(s), ${missed} not rejected as expected`);
  return missed || !present.length ? 1 : 0;
}

const args = process.argv.slice(2);
const validateSchema = loadSchema();
if (args.includes('--self-test')) {
  process.exit(selfTest(validateSchema));
}
const envIndex = args.indexOf('--env-file');
const envFile = envIndex >= 0 ? args[envIndex + 1] : DEFAULT_ENV;
const composeFile = args.find((a, i) => !a.startsWith('--') && (envIndex < 0 || i !== envIndex + 1)) || DEFAULT_COMPOSE;
const result = validateCompose(composeFile, envFile, validateSchema);
const errors = report(composeFile, result);
if (!errors.length) {
  const { state, compose } = result;
  const unused = [...readEnvFile(envFile).keys()].filter((name) => !state.used.has(name));
  for (const name of unused) console.log(`${envFile}  warning  ${name} is not used by ${path.basename(composeFile)}`);
  console.log(`${composeFile}: valid (Compose Specification schema, interpolation, references); `
    + `${Object.keys(compose.services || {}).length} services; required from .env: ${[...state.required].sort().join(', ') || 'none'}`);
}
process.exit(errors.length ? 1 : 0);
