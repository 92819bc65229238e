// Lints Pinflow's models with the rules Camunda Modeler applies, plus Pinflow's conventions:
//   .bpmn  bpmnlint:recommended and camunda-compat for Camunda 8.8
//   .dmn   dmnlint:recommended, decision table structure, FEEL syntax of every cell
//   .form  Camunda Forms structure (ids, keys, options) and @camunda/form-linting
// Every model is named after its id and declares Camunda Cloud 8.8.0 as execution platform.
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
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// @camunda/form-linting (the forms linter of Camunda Modeler) needs a resolution hook to load in
// Node; it is imported only after the hook is registered.
register('./support/extensionless-imports.mjs', import.meta.url);
const { FormLinter } = await import('@camunda/form-linting');

// Warnings accepted on purpose, by rule, with the reason.
const TOLERATED_WARNINGS = {
  'camunda-compat/zeebe-user-task':
    'user tasks are job-worker based: the embedded engine completes jobs over gRPC, not Camunda user tasks',
};

// The planted violations of --self-test, in fixtures/, and the rules that must catch each one.
const SELF_TEST = {
  'no-diagram.bpmn': ['diagram-interchange'],
  'broken-rule.dmn': ['execution-platform', 'label-required', 'decision-table', 'feel-syntax'],
  'duplicate-key.form': ['form-keys', 'form-options'],
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

const LINTERS = { '.bpmn': lintBpmn, '.dmn': lintDmn, '.form': lintForm };

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
  return problems;
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

// ---- Running ----------------------------------------------------------------------------------

// Lints files, prints every problem; returns the files with blocking problems and their rules.
async function lintFiles(files, checkReferences) {
  const models = { decisions: new Map(), forms: new Set(), references: [] };
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
