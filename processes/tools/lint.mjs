// Lints Pinflow's models with the rules Camunda Modeler applies, plus Pinflow's conventions:
//   .bpmn  bpmnlint:recommended and camunda-compat for Camunda 8.8
//   .dmn   dmnlint:recommended, decision table structure, FEEL syntax of every cell
//   .form  Camunda Forms structure (ids, keys, options) and @camunda/form-linting
//   .json  element templates: the JSON schema Camunda Modeler validates them with, Pinflow's
//          conventions, and a worker for the template's job type
// Every model is named after its id and declares Camunda Cloud 8.8.0 as execution platform. Every
// job type a process uses must be served by a worker (@JobWorker in ../../workers/src/main/java);
// when folders of models and templates are linted together, each job type needs a template too.
// Usage: node lint.mjs <file or folder>...   or   node lint.mjs --self-test
// Exit code 1 on any error, or on a warning that is not listed in TOLERATED_WARNINGS.
// --self-test lints the planted violations in fixtures/ and exits 0 only if each is caught.
import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import modeler from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { DmnModdle } from 'dmn-moddle';
import dmnlint from 'dmnlint';
import DmnNodeResolver from 'dmnlint/lib/resolver/node-resolver.js';
import { lintExpression } from '@bpmn-io/feel-lint';
import Ajv from 'ajv';
import templateSchema from '@camunda/zeebe-element-templates-json-schema/resources/schema.json' with { type: 'json' };
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// @camunda/form-linting (the forms linter of Camunda Modeler) needs a resolution hook to load in
// Node; it is imported only after the hook is registered.
register('./support/extensionless-imports.mjs', import.meta.url);
const { FormLinter } = await import('@camunda/form-linting');

// Warnings accepted on purpose, by rule, with the reason (none at present).
const TOLERATED_WARNINGS = {};

// The planted violations of --self-test, in fixtures/, and the rules that must catch each one.
const SELF_TEST = {
  'no-diagram.bpmn': ['diagram-interchange', 'job-types'],
  'broken-rule.dmn': ['execution-platform', 'label-required', 'decision-table', 'feel-syntax'],
  'duplicate-key.form': ['form-keys', 'form-options'],
  'bad-template.json': ['template-schema', 'template-conventions', 'template-job-type'],
  'job-worker-task.bpmn': ['task-inbox', 'camunda-compat/zeebe-user-task'],
};

const EXECUTION_PLATFORM = 'Camunda Cloud';
const EXECUTION_PLATFORM_VERSION = '8.8.0';
const HEADER_MESSAGE = `header must declare modeler:executionPlatform="${EXECUTION_PLATFORM}" `
  + `executionPlatformVersion="${EXECUTION_PLATFORM_VERSION}"`;
const MODELER_NS = 'http://camunda.org/schema/modeler/1.0';

// Form components that bind a variable (need a unique key), and those that offer options.
const INPUT_COMPONENTS = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox',
  'checklist', 'taglist', 'datetime']);
const OPTION_COMPONENTS = new Set(['select', 'radio', 'checklist', 'taglist']);

// Job types and the workers that serve them: every @JobWorker(type = "…") of the workers module.
// User tasks are Camunda user tasks that announce themselves to the task inbox through a task
// listener on their "creating" event, of the type the inbox's collector declares; neither the
// listener nor a job-worker user task gets a template.
const WORKERS_SOURCE = path.resolve(here, '../../workers/src/main/java');
const TASK_INBOX_SOURCE = path.join(WORKERS_SOURCE, 'io/pinflow/workers/usertask/UserTaskCollector.java');
const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const JOB_TYPE_PREFIX = 'pinflow.';
const TEMPLATE_ID_PREFIX = 'io.pinflow.';
const TEMPLATE_ENGINES = '^8.8';

const LINTERS = { '.bpmn': lintBpmn, '.dmn': lintDmn, '.form': lintForm, '.json': lintTemplates };

function collect(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) return LINTERS[path.extname(target)] ? [target] : [];
  return fs.readdirSync(target).sort().flatMap((name) => collect(path.join(target, name)));
}

function problem(category, id, rule, message) {
  return { category, id: id || '-', rule, message };
}

// ---- BPMN -------------------------------------------------------------------------------------

async function lintBpmn(file, models) {
  const moddle = new BpmnModdle({ zeebe, modeler });
  const xml = fs.readFileSync(file, 'utf8');
  const problems = [];
  const { rootElement, warnings } = await moddle.fromXML(xml);
  for (const warning of warnings) {
    problems.push({ category: 'error', id: '-', rule: 'parse', message: warning.message });
  }
  if (rootElement.get('modeler:executionPlatform') !== EXECUTION_PLATFORM
      || rootElement.get('modeler:executionPlatformVersion') !== EXECUTION_PLATFORM_VERSION) {
    problems.push({ category: 'error', id: rootElement.id, rule: 'execution-platform',
      message: HEADER_MESSAGE });
  }
  const process = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process');
  const expectedId = path.basename(file, '.bpmn');
  if (!process || process.id !== expectedId) {
    problems.push({ category: 'error', id: process ? process.id : '-', rule: 'file-name',
      message: `the file must be named after its process id (${expectedId}.bpmn)` });
  }
  const diagram = rootElement.diagrams && rootElement.diagrams[0];
  if (!diagram || !diagram.plane || !(diagram.plane.planeElement || []).length) {
    problems.push({ category: 'error', id: '-', rule: 'diagram-interchange',
      message: 'no shapes or edges: Modeler could not draw this file' });
  }
  const config = JSON.parse(fs.readFileSync(path.join(here, '.bpmnlintrc'), 'utf8'));
  const linter = new Linter({ config, resolver: new NodeResolver({ require: createRequire(path.join(here, 'package.json')) }) });
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      problems.push({ category: report.category, id: report.id, rule, message: report.message });
    }
  }
  collectReferences(rootElement, file, models);
  lintUserTasks(process, problems);
  const served = servedJobTypes();
  for (const ref of models.jobTypes.filter((r) => r.file === file && !served.has(r.type))) {
    problems.push(problem('error', ref.from, 'job-types',
      `no worker serves job type "${ref.type}" (no @JobWorker with this type in ${path.relative(path.resolve(here, '../..'), WORKERS_SOURCE)})`));
  }
  return problems;
}

// Every user task is a Camunda user task (zeebe:userTask) and announces itself to the task inbox
// with a task listener of the inbox's type on its "creating" event; otherwise nobody sees it.
function lintUserTasks(element, problems) {
  for (const child of (element && element.flowElements) || []) {
    if (child.$type === 'bpmn:UserTask') {
      const extensions = (child.extensionElements && child.extensionElements.values) || [];
      const listenerType = taskInboxListenerType();
      const camundaUserTask = extensions.some((e) => e.$type === 'zeebe:UserTask');
      const announced = extensions
        .filter((e) => e.$type === 'zeebe:TaskListeners')
        .flatMap((e) => e.listeners || [])
        .some((l) => l.eventType === 'creating' && l.type === listenerType);
      if (!camundaUserTask) {
        problems.push(problem('error', child.id, 'task-inbox',
          'user task is job-worker based: make it a Camunda user task (<zeebe:userTask />)'));
      }
      if (!announced) {
        problems.push(problem('error', child.id, 'task-inbox',
          `no task listener <zeebe:taskListener eventType="creating" type="${listenerType}" />: the task inbox would not see the task`));
      }
    }
    if (child.flowElements) lintUserTasks(child, problems);
  }
}

let inboxListenerType;

// The listener type the task inbox's collector serves, read from its source.
function taskInboxListenerType() {
  if (!inboxListenerType) {
    const match = /TASK_LISTENER_TYPE\s*=\s*"([^"]+)"/.exec(fs.readFileSync(TASK_INBOX_SOURCE, 'utf8'));
    if (!match) throw new Error(`no TASK_LISTENER_TYPE in ${TASK_INBOX_SOURCE}`);
    inboxListenerType = match[1];
  }
  return inboxListenerType;
}

// Remembers the forms and decisions a process links to, checked once every model is read.
function collectReferences(element, file, models, seen = new Set()) {
  if (!element || typeof element !== 'object' || seen.has(element)) return;
  seen.add(element);
  const isStatic = (value) => typeof value === 'string' && value && !value.startsWith('=');
  if (element.$type === 'zeebe:FormDefinition' && isStatic(element.formId)) {
    models.references.push({ file, kind: 'form', id: element.formId, from: element.$parent?.$parent?.id });
  }
  if (element.$type === 'zeebe:CalledDecision' && isStatic(element.decisionId)) {
    models.references.push({ file, kind: 'decision', id: element.decisionId, from: element.$parent?.$parent?.id });
  }
  if (element.$type === 'zeebe:TaskDefinition' && isStatic(element.type) && element.type !== USER_TASK_JOB_TYPE) {
    models.jobTypes.push({ file, type: element.type, from: element.$parent?.$parent?.id });
  }
  for (const key of ['rootElements', 'flowElements', 'extensionElements', 'values', 'eventDefinitions']) {
    const value = element[key];
    for (const child of Array.isArray(value) ? value : [value]) collectReferences(child, file, models, seen);
  }
}

// ---- DMN --------------------------------------------------------------------------------------

// Checks one FEEL text: unary tests (input entries) or an expression (everything else).
function lintFeel(text, dialect, id, problems) {
  for (const error of lintExpression(text, { dialect })) {
    problems.push(problem('error', id, 'feel-syntax',
      `${error.message} in ${dialect === 'unaryTests' ? 'unary tests' : 'expression'} "${text.trim()}"`));
  }
}

function lintDecisionTable(table, problems) {
  const inputs = table.input || [];
  const outputs = table.output || [];
  const rules = table.rule || [];
  if (!outputs.length) {
    problems.push(problem('error', table.id, 'decision-table', 'the table has no output column'));
  }
  for (const input of inputs) {
    const text = (input.inputExpression && input.inputExpression.text) || '';
    if (!text.trim()) {
      problems.push(problem('error', input.id, 'decision-table', 'input column without an expression in its header'));
    } else {
      lintFeel(text, 'expression', input.id, problems);
    }
  }
  if (outputs.length > 1) {
    for (const output of outputs.filter((o) => !(o.name || '').trim())) {
      problems.push(problem('error', output.id, 'decision-table',
        'output column without a name: a table with several outputs needs one per column'));
    }
  }
  if (!rules.length) {
    problems.push(problem('warn', table.id, 'decision-table', 'the table has no rules'));
  }
  for (const rule of rules) {
    const inputEntries = rule.inputEntry || [];
    const outputEntries = rule.outputEntry || [];
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problems.push(problem('error', rule.id, 'decision-table',
        `rule has ${inputEntries.length} input and ${outputEntries.length} output entries, `
        + `the table has ${inputs.length} inputs and ${outputs.length} outputs`));
    }
    // an empty cell means "any" (input) or null (output)
    for (const entry of inputEntries.filter((e) => (e.text || '').trim())) {
      lintFeel(entry.text, 'unaryTests', entry.id, problems);
    }
    for (const entry of outputEntries.filter((e) => (e.text || '').trim())) {
      lintFeel(entry.text, 'expression', entry.id, problems);
    }
  }
}

async function lintDmn(file, models) {
  const problems = [];
  const { rootElement, warnings } = await new DmnModdle().fromXML(fs.readFileSync(file, 'utf8'));
  for (const warning of warnings) {
    problems.push(problem('error', '-', 'parse', warning.message));
  }
  // modeler-moddle describes these attributes for BPMN only: read them as plain attributes
  const attrs = rootElement.$attrs || {};
  const prefix = Object.keys(attrs).find((k) => k.startsWith('xmlns:') && attrs[k] === MODELER_NS);
  const modelerAttr = (name) => prefix && attrs[`${prefix.slice('xmlns:'.length)}:${name}`];
  if (modelerAttr('executionPlatform') !== EXECUTION_PLATFORM
      || modelerAttr('executionPlatformVersion') !== EXECUTION_PLATFORM_VERSION) {
    problems.push(problem('error', rootElement.id, 'execution-platform', HEADER_MESSAGE));
  }
  const decisions = (rootElement.drgElement || []).filter((e) => e.$type === 'dmn:Decision');
  const expectedId = path.basename(file, '.dmn');
  if (!decisions.length || decisions[0].id !== expectedId) {
    problems.push(problem('error', decisions.length ? decisions[0].id : '-', 'file-name',
      `the file must be named after its (first) decision id (${expectedId}.dmn)`));
  }
  const idsInFile = new Set();
  for (const decision of decisions) {
    if (idsInFile.has(decision.id)) {
      problems.push(problem('error', decision.id, 'decision-ids', 'decision id used twice in this file'));
    }
    idsInFile.add(decision.id);
    const other = models.decisions.get(decision.id);
    if (other && other !== file) {
      problems.push(problem('error', decision.id, 'decision-ids', `decision id also used in ${other}`));
    } else {
      models.decisions.set(decision.id, file);
    }
    const logic = decision.decisionLogic;
    if (!logic) {
      problems.push(problem('error', decision.id, 'decision-table', 'decision without a decision table or literal expression'));
    } else if (logic.$type === 'dmn:DecisionTable') {
      lintDecisionTable(logic, problems);
    } else if (logic.$type === 'dmn:LiteralExpression') {
      if ((logic.text || '').trim()) lintFeel(logic.text, 'expression', logic.id || decision.id, problems);
      else problems.push(problem('error', decision.id, 'decision-table', 'literal expression without text'));
    }
  }
  const linter = new dmnlint.Linter({
    config: { extends: 'dmnlint:recommended' },
    resolver: new DmnNodeResolver({ require: createRequire(path.join(here, 'package.json')) }),
  });
  for (const [rule, reports] of Object.entries(await linter.lint(rootElement))) {
    for (const report of reports) problems.push(problem(report.category, report.id, rule, report.message));
  }
  return problems;
}

// ---- Forms ------------------------------------------------------------------------------------

function lintFormComponents(components, scope, seen, problems) {
  for (const component of components) {
    if (!component || typeof component !== 'object' || typeof component.type !== 'string') {
      problems.push(problem('error', '-', 'form-components', 'component without a type'));
      continue;
    }
    const { id, key, type } = component;
    if (typeof id !== 'string' || !id) {
      problems.push(problem('error', key, 'form-ids', `${type} component without an id`));
    } else if (seen.ids.has(id)) {
      problems.push(problem('error', id, 'form-ids', 'component id used twice'));
    } else {
      seen.ids.add(id);
    }
    if (INPUT_COMPONENTS.has(type)) {
      if (typeof key !== 'string' || !key) {
        problems.push(problem('error', id, 'form-keys', `${type} field without a key`));
      } else if (seen.keys.has(scope + key)) {
        problems.push(problem('error', id, 'form-keys', `key "${scope + key}" bound by two fields`));
      } else {
        seen.keys.add(scope + key);
      }
    }
    // options come from the form (values) or from a variable (valuesKey, valuesExpression)
    if (OPTION_COMPONENTS.has(type) && !component.valuesKey && !component.valuesExpression) {
      const values = Array.isArray(component.values) ? component.values : [];
      if (!values.length) {
        problems.push(problem('error', id, 'form-options', `${type} without options`));
      }
      values.forEach((option, index) => {
        if (!option || typeof option.label !== 'string' || !option.label.trim() || option.value === undefined) {
          problems.push(problem('error', id, 'form-options', `option ${index + 1} needs a label and a value`));
        }
      });
    }
    // groups and dynamic lists nest components; a path scopes the keys below it
    if (Array.isArray(component.components)) {
      lintFormComponents(component.components, component.path ? `${scope}${component.path}.` : scope, seen, problems);
    }
  }
}

async function lintForm(file, models) {
  const problems = [];
  let form;
  try {
    form = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [problem('error', '-', 'parse', `not JSON: ${e.message}`)];
  }
  if (!form || typeof form !== 'object' || Array.isArray(form)) {
    return [problem('error', '-', 'parse', 'not a form: the file must hold a JSON object')];
  }
  const expectedId = path.basename(file, '.form');
  if (form.id !== expectedId) {
    problems.push(problem('error', form.id, 'file-name', `the file must be named after its form id (${expectedId}.form)`));
  }
  models.forms.add(form.id);
  if (form.type !== 'default') {
    problems.push(problem('error', form.id, 'form-type', 'type must be "default"'));
  }
  if (form.executionPlatform !== EXECUTION_PLATFORM || form.executionPlatformVersion !== EXECUTION_PLATFORM_VERSION) {
    problems.push(problem('error', form.id, 'execution-platform',
      `must declare "executionPlatform": "${EXECUTION_PLATFORM}", "executionPlatformVersion": "${EXECUTION_PLATFORM_VERSION}"`));
  }
  if (!Array.isArray(form.components)) {
    problems.push(problem('error', form.id, 'form-components', 'no components array'));
  } else {
    lintFormComponents(form.components, '', { ids: new Set(), keys: new Set() }, problems);
  }
  // what Camunda Modeler reports: components and FEEL unsupported by the target version
  for (const report of new FormLinter().lint(form)) {
    problems.push(problem(report.category, report.id, 'form-linting', report.message));
  }
  return problems;
}

// ---- Element templates ------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(templateSchema);
const validateTemplate = ajv.getSchema(`${templateSchema.$id}#/definitions/template`);

let workerJobTypes;

// The job types the workers serve, read once from their sources.
function servedJobTypes() {
  if (!workerJobTypes) {
    if (!fs.existsSync(WORKERS_SOURCE)) {
      throw new Error(`no worker sources at ${WORKERS_SOURCE}`);
    }
    const javaFiles = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return javaFiles(full);
      return entry.name.endsWith('.java') ? [full] : [];
    });
    workerJobTypes = new Set();
    for (const file of javaFiles(WORKERS_SOURCE)) {
      for (const [, args] of fs.readFileSync(file, 'utf8').matchAll(/@JobWorker\s*\(([^)]*)\)/g)) {
        const type = /\btype\s*=\s*"([^"]+)"/.exec(args);
        if (type) workerJobTypes.add(type[1]);
      }
    }
    if (!workerJobTypes.size) {
      throw new Error(`no @JobWorker(type = …) found under ${WORKERS_SOURCE}`);
    }
  }
  return workerJobTypes;
}

function templateConventions(template, type, problems) {
  const id = template.id;
  const fail = (message) => problems.push(problem('error', id, 'template-conventions', message));
  if (!type) {
    fail('no hidden zeebe:taskDefinition "type" binding: the template must fix the job type');
    return;
  }
  if (!type.startsWith(JOB_TYPE_PREFIX)) {
    fail(`job type "${type}" must start with "${JOB_TYPE_PREFIX}"`);
  } else if (id !== TEMPLATE_ID_PREFIX + type.slice(JOB_TYPE_PREFIX.length)) {
    fail(`id must be "${TEMPLATE_ID_PREFIX}${type.slice(JOB_TYPE_PREFIX.length)}" for job type "${type}"`);
  }
  if (template.engines?.camunda !== TEMPLATE_ENGINES) {
    fail(`engines must be { "camunda": "${TEMPLATE_ENGINES}" }`);
  }
  if (!Array.isArray(template.appliesTo) || !template.appliesTo.includes('bpmn:Task')) {
    fail('appliesTo must include "bpmn:Task"');
  }
  if (template.elementType?.value !== 'bpmn:ServiceTask') {
    fail('elementType must be { "value": "bpmn:ServiceTask" }');
  }
  const properties = Array.isArray(template.properties) ? template.properties : [];
  if (!properties.some((p) => p?.binding?.type === 'zeebe:taskDefinition' && p.binding.property === 'retries')) {
    fail('no zeebe:taskDefinition "retries" property');
  }
}

// A file holds one template or a list of them.
async function lintTemplates(file, models) {
  let content;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [problem('error', '-', 'parse', `not JSON: ${e.message}`)];
  }
  const templates = Array.isArray(content) ? content : [content];
  const problems = [];
  if (!templates.length) {
    problems.push(problem('error', '-', 'template-schema', 'no template in this file'));
  }
  const served = servedJobTypes();
  for (const template of templates) {
    const id = template && typeof template === 'object' ? template.id : undefined;
    if (!validateTemplate(template)) {
      // an "if" error only repeats that its "then" failed; the "then" error is reported
      const messages = new Set(validateTemplate.errors.filter((e) => e.keyword !== 'if')
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`));
      for (const message of messages) problems.push(problem('error', id, 'template-schema', message));
    }
    if (!template || typeof template !== 'object') continue;
    const typeBindings = (Array.isArray(template.properties) ? template.properties : [])
      .filter((p) => p?.binding?.type === 'zeebe:taskDefinition' && p.binding.property === 'type');
    const fixed = typeBindings.length === 1 && typeBindings[0].type === 'Hidden' ? typeBindings[0].value : undefined;
    const type = typeof fixed === 'string' && fixed && !fixed.startsWith('=') ? fixed : undefined;
    templateConventions(template, type, problems);
    if (type && !served.has(type)) {
      problems.push(problem('error', id, 'template-job-type', `no worker serves job type "${type}"`));
    }
    const key = `${id}@${template.version ?? '-'}`;
    const other = models.templateIds.get(key);
    if (other) {
      problems.push(problem('error', id, 'template-ids', `template ${key} also defined in ${other === file ? 'this file' : other}`));
    } else {
      models.templateIds.set(key, file);
    }
    if (type) models.templates.set(type, file);
  }
  models.templateFiles.push(file);
  return problems;
}

// ---- Running ----------------------------------------------------------------------------------

// Lints files, prints every problem; returns the files with blocking problems and their rules.
async function lintFiles(files, checkReferences) {
  const models = {
    decisions: new Map(), forms: new Set(), references: [],
    jobTypes: [], templates: new Map(), templateIds: new Map(), templateFiles: [],
  };
  const results = [];
  for (const file of files) {
    let problems;
    try {
      problems = await LINTERS[path.extname(file)](file, models);
    } catch (e) {
      problems = [problem('error', '-', 'parse', e.message)];
    }
    results.push({ file, problems });
  }
  if (checkReferences) {
    for (const ref of models.references) {
      const known = ref.kind === 'form' ? models.forms.has(ref.id) : models.decisions.has(ref.id);
      if (!known) {
        results.find((r) => r.file === ref.file).problems.push(problem('error', ref.from, 'references',
          `links ${ref.kind} "${ref.id}", which none of the linted models defines`));
      }
    }
    // with templates among the linted files, every job type of the processes needs one
    if (models.templateFiles.length) {
      for (const ref of models.jobTypes.filter((r) => !models.templates.has(r.type))) {
        results.find((r) => r.file === ref.file).problems.push(problem('error', ref.from, 'template-coverage',
          `job type "${ref.type}" has no element template in the linted templates`));
      }
    }
  }
  for (const result of results) {
    result.blocking = result.problems.filter(
      (p) => p.category === 'error' || (p.category === 'warn' && !TOLERATED_WARNINGS[p.rule]));
    for (const p of result.problems) {
      const tolerated = !result.blocking.includes(p) ? ' (tolerated: ' + TOLERATED_WARNINGS[p.rule] + ')' : '';
      console.log(`${result.file}  ${p.id}  ${p.category}  ${p.rule}: ${p.message}${tolerated}`);
    }
  }
  return results;
}

async function selfTest() {
  const dir = path.join(here, 'fixtures');
  const present = fs.readdirSync(dir).filter((name) => LINTERS[path.extname(name)]).sort();
  let missed = 0;
  for (const name of [...new Set([...present, ...Object.keys(SELF_TEST)])].sort()) {
    const expected = SELF_TEST[name];
    if (!expected || !present.includes(name)) {
      console.log(`MISSED  ${name}: ${expected ? 'fixture file is missing' : 'fixture not listed in SELF_TEST'}`);
      missed++;
      continue;
    }
    // each fixture alone, so that no other model's problem counts for it
    const [result] = await lintFiles([path.join(dir, name)], false);
    const rules = new Set(result.blocking.map((p) => p.rule));
    const absent = expected.filter((rule) => !rules.has(rule));
    if (!result.blocking.length || absent.length) {
      console.log(`MISSED  ${name}: expected problems from ${absent.join(', ') || expected.join(', ')}`);
      missed++;
    } else {
      console.log(`CAUGHT  ${name}: ${result.blocking.length} problem(s) from ${[...rules].join(', ')}`);
    }
  }
  console.log(`self-test: ${present.length} fixture(s), ${missed} not caught as expected`);
  return missed || !present.length ? 1 : 0;
}

const args = process.argv.slice(2);
if (args.includes('--self-test')) {
  process.exit(await selfTest());
}
if (!args.length) {
  console.error('usage: node lint.mjs <file or folder>...   |   node lint.mjs --self-test');
  process.exit(2);
}
// links from processes to forms and decisions are checked when whole folders are linted
const checkReferences = args.some((t) => fs.statSync(t).isDirectory());
const results = await lintFiles(args.flatMap((t) => collect(t)), checkReferences);
const failed = results.filter((r) => r.blocking.length).length;
console.log(`${results.length} model(s) checked, ${failed} with problems`);
process.exit(failed || !results.length ? 1 : 0);
